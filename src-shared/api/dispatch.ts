import type { z } from 'zod';
import type { OperationDef } from './define';
import { ApiError } from './errors';
import type { HandlerContext, Handlers } from './handlers';
import { describeIssues, toInputIssues } from './input-issues';
import { findBadText } from './text-hygiene';
import { operations, type OperationName } from './operations';
import { anonymous, type Principal } from './roles';

/**
 * What a transport knows about a call besides its name and input: the handler context (the
 * host's database, clock and hooks) with the caller, who may be nobody (null).
 */
export type DispatchContext = Omit<HandlerContext, 'principal'> & { principal: Principal | null };

/** Validates, authorizes and runs one operation by name. Rejects only with ApiError. */
export type Dispatch = (name: string, rawInput: unknown, ctx: DispatchContext) => Promise<unknown>;

/** What a transport knows about the call itself: its bearer token and where it came from. */
export type CallMeta = Pick<HandlerContext, 'token' | 'clientAddress'>;

/** A dispatcher with the host's database, clock and role fixed: what transports hold. */
export type BoundDispatch = (
  name: string,
  rawInput: unknown,
  principal: Principal | null,
  meta?: CallMeta,
) => Promise<unknown>;

export type DispatcherOptions = {
  /** Called with errors that are not ApiErrors (bugs); they answer INTERNAL. */
  onInternalError?: (error: unknown, name: string) => void;
};

type Logger = { error: (...args: unknown[]) => void };
// src-shared has no console typing (no DOM, no node types); every host has one.
const hostConsole = (globalThis as { console?: Logger }).console;
const logToConsole = (error: unknown, name: string): void =>
  hostConsole?.error(`[dispatch] ${name} failed:`, error);

const table: Record<string, OperationDef> = operations;

export const isOperationName = (name: string): name is OperationName =>
  Object.prototype.hasOwnProperty.call(table, name);

/**
 * The caller's role against the operation's roles: the one copy of this rule. Needs no input,
 * so transports can refuse before reading a body; the till router uses it too.
 */
export const authorize = (name: string, op: OperationDef, principal: Principal): void => {
  const allowed = op.roles;
  if (allowed.includes('any') || principal.kind === 'system') return;
  if (principal.kind === 'anonymous') {
    throw new ApiError('UNAUTHENTICATED', `sign in to use ${name}`);
  }
  if (principal.kind === 'device') {
    if (allowed.includes('device')) return;
    throw new ApiError('FORBIDDEN', `a till's device credential may not use ${name}`, {
      allowed,
    });
  }
  if (!allowed.includes(principal.role)) {
    throw new ApiError(
      'FORBIDDEN',
      `role ${principal.role} may not use ${name}; allowed: ${allowed.join(', ')}`,
      { role: principal.role, allowed },
    );
  }
};

/** Store-scoped people and tills act only on their own store (and till) when a request names one. */
export const checkScope = (input: unknown, principal: Principal): void => {
  if (typeof input !== 'object' || input === null) return;
  const { storeId, tillId } = input as { storeId?: unknown; tillId?: unknown };
  if (principal.kind === 'user' && principal.storeIds !== null && typeof storeId === 'string') {
    if (!principal.storeIds.includes(storeId)) {
      throw new ApiError('FORBIDDEN', `${principal.username} may not act for store ${storeId}`, {
        field: 'storeId',
        storeId,
        allowedStoreIds: principal.storeIds,
      });
    }
  }
  if (principal.kind === 'device') {
    if (typeof storeId === 'string' && storeId !== principal.storeId) {
      throw new ApiError('FORBIDDEN', `till ${principal.tillId} may not act for store ${storeId}`, {
        field: 'storeId',
        storeId,
      });
    }
    if (typeof tillId === 'string' && tillId !== principal.tillId) {
      throw new ApiError('FORBIDDEN', `till ${principal.tillId} may not act as till ${tillId}`, {
        field: 'tillId',
        tillId,
      });
    }
  }
};

const parseInput = (op: OperationDef, rawInput: unknown): unknown => {
  const input = rawInput ?? {};
  // Text PostgreSQL cannot store must be a 400 naming the field, never a driver error (500).
  const bad = findBadText(input);
  if (bad) throw new ApiError('INVALID_INPUT', describeIssues([bad]), [bad]);
  const parsed = (op.input as z.ZodType).safeParse(input);
  if (parsed.success) return parsed.data;
  const details = toInputIssues(parsed.error.issues, input);
  throw new ApiError('INVALID_INPUT', describeIssues(details), details);
};

/**
 * The one place every transport (IPC, HTTP, in-process) goes through: unknown operation →
 * NOT_FOUND; role and store scope checked; input parsed with the operation's schema; handler
 * errors that are not ApiErrors become INTERNAL (and are logged, not shown).
 */
export const createDispatcher = (handlers: Handlers, options: DispatcherOptions = {}): Dispatch => {
  const onInternalError = options.onInternalError ?? logToConsole;
  const run = handlers as unknown as Record<
    string,
    (input: unknown, ctx: HandlerContext) => Promise<unknown>
  >;
  const self: Dispatch = async (name, rawInput, ctx) => {
    try {
      const op = isOperationName(name) ? table[name] : undefined;
      const handler = run[name];
      if (!op || !handler) throw new ApiError('NOT_FOUND', `no operation named ${name}`, { name });
      const principal = ctx.principal ?? anonymous;
      authorize(name, op, principal);
      if (op.servedBy === 'hub' && ctx.host !== 'hub') {
        throw new ApiError(
          'UNAVAILABLE',
          `${name} is served by the hub, not by a till; use the hub's address`,
          { name },
        );
      }
      const input = parseInput(op, rawInput);
      checkScope(input, principal);
      return await handler(input, { ...ctx, principal, dispatch: self });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      onInternalError(error, name);
      throw new ApiError('INTERNAL', `${name} failed unexpectedly; the error has been logged`);
    }
  };
  return self;
};

/** Fixes the database, clock and host so transports only supply the caller. */
export const bindDispatch = (
  dispatch: Dispatch,
  base: Omit<DispatchContext, 'principal'>,
): BoundDispatch => {
  // Picked field by field: a transport's meta must never replace the host's database or clock.
  return (name, rawInput, principal, meta) =>
    dispatch(name, rawInput, {
      ...base,
      principal,
      token: meta?.token,
      clientAddress: meta?.clientAddress,
    });
};
