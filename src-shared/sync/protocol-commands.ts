import { z } from 'zod';

/** The wire format of the sync endpoints for back-office changes made at a till (docs/sync.md). */

/**
 * Changes a till makes to data the hub owns. Run against the replica they would be lost (the
 * hub never hears of them and the next pull may overwrite them), so they are queued for the hub.
 */
export const queuedCommand = z.object({
  id: z.string().min(8).max(64),
  /** An operation whose definition says atTill 'command' (api/placement.ts); the hub checks. */
  op: z.string().min(1).max(64),
  input: z.record(z.string(), z.unknown()),
  /** The person who made the change at the till; the hub checks their role again. */
  username: z.string().min(1).max(64),
  createdAt: z.string().max(40),
  /**
   * The offline grant the person holds on this till, and the command signed with its secret
   * (sync/command-proof.ts). Without both, the hub rejects the command: a device credential
   * never stands for a person.
   */
  grantId: z.string().max(64).nullable().default(null),
  signature: z.string().max(128).nullable().default(null),
});
export type QueuedCommand = z.output<typeof queuedCommand>;
export const commandStatus = z.enum(['QUEUED', 'CONFIRMED', 'REJECTED']);
export const commandResult = z.object({
  id: z.string(),
  status: commandStatus,
  result: z.unknown().nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).nullable(),
});
export type CommandResult = z.infer<typeof commandResult>;
export const commandsApplyInput = z.object({ commands: z.array(queuedCommand).max(100) });
export const commandsApplyOutput = z.object({ results: z.array(commandResult) });

export const commandView = z.object({
  id: z.string(),
  op: z.string(),
  username: z.string(),
  createdAt: z.string(),
  status: commandStatus,
  decidedAt: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).nullable(),
  tillId: z.string().nullable(),
});
export const commandsListInput = z.object({
  status: commandStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const commandsListOutput = z.object({ items: z.array(commandView) });
