import type { ApiClient } from '#shared/api/client';
import type { BoundDispatch, CallMeta, Dispatch, DispatchContext } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import type { AtTill, OperationDef } from '#shared/api/define';
import { isOperationName } from '#shared/api/dispatch';
import {
  operations,
  type OperationName,
  type OpInput,
  type OpOutput,
} from '#shared/api/operations';
import { isCommandOp, isForwardOp, type ForwardOp } from '#shared/api/placement';
import type { Principal } from '#shared/api/roles';
import { newId } from '#shared/services/shared/ids';
import { tillHealth } from '#shared/services/sync/till/health';
import { outboxRecorder, pendingCount, type LeaseStamp } from '#shared/services/sync/till/outbox';
import type { SqlPort } from '#shared/sql/port';
import { isUnreachable } from './hub-link';
import { recordHubRedemption, recordHubReversal } from './hub-outcome';
import { createOfflineServe } from './offline-serve';
import { authorizeHere, createQueuedCommand } from './queued-command';
import { signInAtTill } from './sign-in';
import type { SyncClient } from './sync-client';

export type SyncRouterOptions = {
  /** The till's own (unbound) dispatcher over its replica. */
  dispatch: Dispatch;
  /** The till's context: replica, clock, journal. recordFact is supplied per call here. */
  base: Omit<DispatchContext, 'principal' | 'recordFact'>;
  hub: ApiClient;
  client: SyncClient;
  /** How long an online back-office change waits for the hub's verdict before it stays queued. */
  commandWaitMs?: number;
  /** How long a forwarded call waits for pending facts to go up first (default 1500 ms). */
  flushWaitMs?: number;
};

/** Why a till does not serve an operation, and where to go instead. */
const refusal = (name: OperationName): ApiError => {
  const op: OperationDef = operations[name];
  return op.atTill === 'refuse' && op.servedBy === 'both'
    ? new ApiError('FORBIDDEN', op.tillRefusal)
    : new ApiError(
        'UNAVAILABLE',
        `${name} is served by the hub, not by a till; use the hub's address`,
        {
          name,
        },
      );
};

/**
 * Routes a till's calls (docs/architecture.md, "Online and offline at the till"):
 *  - redeem, validate and reverse go to the hub while it answers (authoritative), and the
 *    replica records the outcome; when it does not (timeout, refused, 5xx) the till serves
 *    them from its replica: offline policy checked, a lease unit spent for series-limited
 *    offers, the fact appended to the outbox in the same transaction;
 *  - back-office changes become queued commands the hub applies in order; online, the call
 *    waits briefly for the hub's verdict and answers it;
 *  - sync-now runs a round; everything else runs on the replica.
 */
export const createSyncRouter = (o: SyncRouterOptions): BoundDispatch => {
  const { dispatch, base, hub, client } = o;
  const local = (
    name: string,
    input: unknown,
    principal: Principal | null,
    sql: SqlPort = base.sql,
    stamp?: LeaseStamp,
    meta?: CallMeta,
  ) =>
    dispatch(name, input, {
      ...base,
      sql,
      principal,
      recordFact: outboxRecorder(stamp),
      token: meta?.token,
      clientAddress: meta?.clientAddress,
    });

  /**
   * Facts made offline go up before a new online action, so the hub judges with them; but a
   * cashier never waits longer than the hub deadline for that (the push goes on meanwhile).
   */
  const flushFirst = async () => {
    if ((await pendingCount(base.sql)) === 0) return;
    const push = client.pushAll();
    push.catch(() => undefined);
    await Promise.race([push, new Promise((r) => setTimeout(r, o.flushWaitMs ?? 1500))]);
  };

  const viaHub = async <K extends OperationName>(
    name: K,
    input: OpInput<K>,
  ): Promise<{ ok: true; out: OpOutput<K> } | { ok: false }> => {
    if (!client.online) return { ok: false };
    try {
      await flushFirst();
      return { ok: true, out: await hub.send(name, input) };
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      client.noteUnreachable(error);
      return { ok: false };
    }
  };

  // Offline validate and redeem: the replica's rules, the offer's offline policy, and codes
  // proved by their keyed check (offline-serve.ts).
  const offline = createOfflineServe({
    sql: base.sql,
    now: base.now,
    local: (name, input, principal, sql, stamp) => local(name, input, principal, sql, stamp),
  });
  const offlineRedeem = offline.redeem;

  const command = createQueuedCommand({
    sql: base.sql,
    now: base.now,
    client,
    commandWaitMs: o.commandWaitMs,
  });

  /** atTill 'forward': the hub decides while it answers; offline, the replica within the policy. */
  const forward = async (
    name: ForwardOp,
    input: Record<string, unknown>,
    principal: Principal | null,
  ) => {
    authorizeHere(name, input, principal);
    switch (name) {
      case 'redemptions-validate': {
        const r = await viaHub('redemptions-validate', input as OpInput<'redemptions-validate'>);
        return r.ok ? r.out : offline.validate(input, principal);
      }
      case 'redemptions-redeem': {
        // One client id for the hub and, if it does not answer, for the offline redemption:
        // a hub that did redeem but could not say so recognises the fact as the same.
        const withId = { ...input, clientId: input['clientId'] ?? newId(base.now().getTime()) };
        const r = await viaHub('redemptions-redeem', withId as OpInput<'redemptions-redeem'>);
        if (r.ok) {
          await recordHubRedemption(base.sql, r.out.redemption);
          return r.out;
        }
        return offlineRedeem(withId, principal);
      }
      case 'redemptions-reverse': {
        const withId = { ...input, clientId: input['clientId'] ?? newId(base.now().getTime()) };
        const r = await viaHub('redemptions-reverse', withId as OpInput<'redemptions-reverse'>);
        if (r.ok) {
          await recordHubReversal(
            base.sql,
            r.out.redemption,
            String(withId.clientId),
            String(input['reason'] ?? ''),
          );
          return r.out;
        }
        return local(name, withId, principal);
      }
    }
  };

  /** atTill 'local': the replica answers; sign-in and sync-now also talk to the hub. */
  const here = async (
    name: OperationName,
    input: Record<string, unknown>,
    principal: Principal | null,
    meta: CallMeta | undefined,
  ) => {
    if (name === 'auth-login') {
      return signInAtTill(
        {
          sql: base.sql,
          now: base.now,
          hub,
          online: () => client.online,
          noteUnreachable: (e) => client.noteUnreachable(e),
          local: async () =>
            (await local(
              name,
              input,
              principal,
              base.sql,
              undefined,
              meta,
            )) as OpOutput<'auth-login'>,
        },
        input,
      );
    }
    if (name === 'sync-now') {
      authorizeHere(name, input, principal);
      await client.syncNow();
      return tillHealth(base.sql, base.now());
    }
    // Sign-out and the rest are the till's own (local sessions): they need the call's meta.
    return local(name, input, principal, base.sql, undefined, meta);
  };

  return async (name, rawInput, principal, meta) => {
    const input = (rawInput ?? {}) as Record<string, unknown>;
    // An unknown name goes to the dispatcher, which answers NOT_FOUND.
    if (!isOperationName(name)) return local(name, input, principal, base.sql, undefined, meta);
    const placement: AtTill = operations[name].atTill;
    switch (placement) {
      case 'refuse':
        throw refusal(name);
      case 'command':
        if (!isCommandOp(name)) throw new Error(`${name} is atTill 'command' but not a CommandOp`);
        return command(name, input, principal);
      case 'forward':
        if (!isForwardOp(name)) throw new Error(`${name} is atTill 'forward' but not a ForwardOp`);
        return forward(name, input, principal);
      case 'local':
        return here(name, input, principal, meta);
    }
  };
};
