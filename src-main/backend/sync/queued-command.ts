import type { z } from 'zod';
import { authorize, checkScope } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { operations, type OperationName } from '#shared/api/operations';
import type { CommandOp } from '#shared/api/placement';
import { anonymous, type Principal } from '#shared/api/roles';
import { newId } from '#shared/services/shared/ids';
import { commandById, queueCommand } from '#shared/services/sync/till/commands';
import { liveGrant, signWithGrant } from '#shared/services/sync/till/grants';
import type { SqlPort } from '#shared/sql/port';
import type { SyncClient } from './sync-client';

/**
 * The dispatcher's own role and store-scope checks, run by the router first: forwarded calls
 * reach the hub as the till's device, not as the person at the till, and queued ones run much
 * later.
 */
export const authorizeHere = (
  name: OperationName,
  input: unknown,
  principal: Principal | null,
): void => {
  const who = principal ?? anonymous;
  authorize(name, operations[name], who);
  checkScope(input, who);
};

export type CommandDeps = {
  sql: SqlPort;
  now: () => Date;
  client: SyncClient;
  /** How long an online back-office change waits for the hub's verdict before it stays queued. */
  commandWaitMs?: number;
};

/**
 * atTill 'command': a back-office change made at a till is queued, signed with its author's
 * offline grant, and applied by the hub in order
 * (docs/architecture.md, "Back-office changes made at a till").
 * Online, the call waits briefly for the hub's verdict and answers it.
 */
export const createQueuedCommand =
  (deps: CommandDeps) =>
  async (name: CommandOp, input: unknown, principal: Principal | null): Promise<unknown> => {
    const { sql, now, client } = deps;
    const op = operations[name];
    authorizeHere(name, (input ?? {}) as Record<string, unknown>, principal);
    if (principal?.kind !== 'user')
      throw new ApiError('FORBIDDEN', `${name} is made by a person at the till`);
    const parsed = (op.input as z.ZodType).safeParse(input ?? {});
    if (!parsed.success)
      throw new ApiError(
        'INVALID_INPUT',
        parsed.error.issues[0]?.message ?? 'invalid input',
        parsed.error.issues,
      );
    // The hub runs a queued change only with proof of its author: the person's offline grant
    // on this till (issued when they signed in here online) and a signature made with it.
    const grant = await liveGrant(sql, principal.userId, now());
    if (!grant) {
      throw new ApiError(
        'FORBIDDEN',
        `${principal.username} has no offline pass for this till, so the hub could not trust this change: sign out, and sign in again while the hub answers`,
        { reason: 'NO_GRANT' },
      );
    }
    const cmd = {
      id: newId(now().getTime()),
      op: name,
      input: input ?? {},
      username: principal.username,
      createdAt: now().toISOString(),
    };
    const id = cmd.id;
    await queueCommand(sql, {
      ...cmd,
      grantId: grant.id,
      signature: await signWithGrant(grant, cmd),
    });
    if (client.online) {
      await Promise.race([
        client.syncNow(),
        new Promise((r) => setTimeout(r, deps.commandWaitMs ?? 5000)),
      ]);
      const decided = await commandById(sql, id);
      if (decided?.status === 'CONFIRMED') return decided.result;
      if (decided?.status === 'REJECTED' && decided.error) {
        throw new ApiError(
          decided.error.code as ApiError['code'],
          decided.error.message,
          decided.error.details,
        );
      }
    }
    throw new ApiError(
      'UNAVAILABLE',
      `The hub is unreachable: your change (${name}) was queued as ${id} and will be applied when the till is back online; see sync-commands-list for the hub's answer`,
      { queued: true, commandId: id },
    );
  };
