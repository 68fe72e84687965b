import { operations, type OperationName, type Operations } from './operations';

/** Operations a till turns into queued, signed commands for the hub (atTill 'command'). */
export type CommandOp = {
  [K in OperationName]: Operations[K]['atTill'] extends 'command' ? K : never;
}[OperationName];

/** Operations a till forwards to the hub while it answers (atTill 'forward'). */
export type ForwardOp = {
  [K in OperationName]: Operations[K]['atTill'] extends 'forward' ? K : never;
}[OperationName];

const names = Object.keys(operations) as OperationName[];

export const commandOps: readonly CommandOp[] = names.filter(
  (n): n is CommandOp => operations[n].atTill === 'command',
);

export const isCommandOp = (name: string): name is CommandOp =>
  (commandOps as readonly string[]).includes(name);

export const isForwardOp = (name: string): name is ForwardOp =>
  names.some((n) => n === name && operations[n].atTill === 'forward');
