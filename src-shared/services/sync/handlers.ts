import type { HandlerGroup } from '#shared/api/handlers';
import { backfillPage } from './hub/backfill';
import { applyCommands, listAppliedCommands } from './hub/commands';
import { listDevices, listRefusedFacts, revokeTill } from './hub/device-admin';
import { createEnrolment, registerDevice } from './hub/devices';
import { issueGrant } from './hub/grants';
import { hubHealth } from './hub/health';
import { exchangeLeases } from './hub/leases';
import { pullPage } from './hub/pull';
import { applyPush } from './hub/push';
import { rowsFor } from './hub/rows';
import { listItems, resolveItem } from './hub/reconciliation';
import { listTillCommands } from './till/commands';
import { tillHealth } from './till/health';

// The lease screens' operations (in operations/sync.ts) are served by the hub's lease code.
export { leaseAdminHandlers } from './hub/lease-admin';

type SyncOp =
  | 'sync-register'
  | 'sync-enrolments-create'
  | 'sync-push'
  | 'sync-pull'
  | 'sync-backfill'
  | 'sync-rows'
  | 'sync-leases'
  | 'sync-commands-apply'
  | 'sync-commands-list'
  | 'sync-health'
  | 'sync-now'
  | 'sync-grants-create'
  | 'sync-devices-list'
  | 'sync-devices-revoke'
  | 'sync-facts-refused'
  | 'reconciliation-list'
  | 'reconciliation-resolve';

/**
 * The sync and reconciliation operations (docs/sync.md). Hub-side ones (servedBy 'hub': the
 * dispatcher refuses them elsewhere) run the hub services;
 * health and the command list answer for whichever host they run on. At a till, `sync-now`
 * and the online/offline routing of redemptions are done by the till backend's sync router
 * (src-main/backend/sync), which sits in front of this dispatcher; reaching this handler there
 * means no hub is configured, so it just reports health.
 */
export const syncHandlers: HandlerGroup<SyncOp> = {
  'sync-register': async (input, ctx) => {
    return registerDevice(ctx.sql, input, ctx.principal, ctx.now().toISOString());
  },
  'sync-enrolments-create': async (input, ctx) => {
    return createEnrolment(ctx.sql, input, ctx.principal, ctx.now());
  },
  'sync-push': async (input, ctx) => {
    return applyPush(ctx.sql, ctx.principal, input, ctx.now());
  },
  'sync-pull': async (input, ctx) => {
    return pullPage(ctx.sql, ctx.principal, input, ctx.now());
  },
  'sync-backfill': async (input, ctx) => {
    return backfillPage(ctx.sql, ctx.principal, input);
  },
  'sync-rows': async (input, ctx) => {
    return rowsFor(ctx.sql, ctx.principal, input);
  },
  'sync-leases': async (input, ctx) => {
    return exchangeLeases(ctx.sql, ctx.principal, input, ctx.now());
  },
  'sync-commands-apply': async (input, ctx) => {
    return applyCommands(input, ctx);
  },
  'sync-commands-list': async (input, ctx) =>
    ctx.host === 'hub'
      ? listAppliedCommands(ctx.sql, input, ctx.principal)
      : listTillCommands(ctx.sql, input.status, input.limit),
  'sync-health': async (_input, ctx) =>
    ctx.host === 'hub'
      ? hubHealth(ctx.sql, ctx.now(), ctx.principal)
      : tillHealth(ctx.sql, ctx.now()),
  'sync-now': async (_input, ctx) =>
    ctx.host === 'hub'
      ? hubHealth(ctx.sql, ctx.now(), ctx.principal)
      : tillHealth(ctx.sql, ctx.now()),
  'sync-grants-create': async (input, ctx) => {
    return issueGrant(ctx, input);
  },
  'sync-devices-list': async (input, ctx) => {
    return listDevices(ctx.sql, input, ctx.principal);
  },
  'sync-devices-revoke': async (input, ctx) => {
    return revokeTill(ctx.sql, input, ctx.principal, ctx.now());
  },
  'sync-facts-refused': async (input, ctx) => {
    return listRefusedFacts(ctx.sql, input, ctx.principal);
  },
  'reconciliation-list': async (input, ctx) => {
    return listItems(ctx.sql, input, ctx.principal);
  },
  'reconciliation-resolve': async (input, ctx) => {
    return resolveItem(ctx.sql, input, ctx.principal, ctx.now());
  },
};
