import { z } from 'zod';
import { defineOperation } from '../define';
import {
  backfillInput,
  backfillOutput,
  enrolmentInput,
  enrolmentOutput,
  healthOutput,
  leasesInput,
  leasesOutput,
  pullInput,
  pullOutput,
  pushInput,
  pushOutput,
  registerInput,
  registerOutput,
  rowsInput,
  rowsOutput,
} from '#shared/sync/protocol';
import {
  commandsApplyInput,
  commandsApplyOutput,
  commandsListInput,
  commandsListOutput,
} from '#shared/sync/protocol-commands';
import {
  reconciliationItem,
  reconciliationListInput,
  reconciliationListOutput,
  reconciliationResolveInput,
} from '#shared/sync/protocol-reconciliation';
import {
  deviceRevokeInput,
  deviceRevokeOutput,
  devicesListInput,
  devicesListOutput,
  grantCreateInput,
  grantCreateOutput,
  refusedFactsInput,
  refusedFactsOutput,
} from '#shared/sync/protocol-trust';
import { queryBool, queryInt } from './common';

/** A lease of offline allowance as back office sees it (docs/sync.md, "escrow leases"). */
export const leaseRecord = z.object({
  id: z.string(),
  offerId: z.string(),
  offerName: z.string(),
  tillId: z.string(),
  storeId: z.string().nullable(),
  granted: z.number().int(),
  /** Units the hub has seen spent (facts pushed with this lease). */
  used: z.number().int(),
  /** Units still held for the till: not lent again until it reports or a person writes them off. */
  unspent: z.number().int(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['ACTIVE', 'RETURNED', 'EXPIRED']),
  /** Active and past its expiry: the till has not reported yet. */
  overdue: z.boolean(),
});

export const leaseListInput = z.object({
  offerId: z.string().max(64).optional(),
  tillId: z.string().max(64).optional(),
  status: z.enum(['ACTIVE', 'RETURNED', 'EXPIRED']).optional(),
  /** Only active leases past expiry: what a person may write off. */
  overdue: queryBool.optional(),
  limit: queryInt(1, 500, 100),
});

export const leaseWriteOffInput = z.object({
  leaseId: z.string().min(1).max(64),
  reason: z
    .string()
    .trim()
    .min(3, 'say why the till will not report (at least 3 characters)')
    .max(500),
});
export const leaseWriteOffOutput = z.object({ lease: leaseRecord, freed: z.number().int() });

const leasesOperations = {
  'sync-leases-list': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'GET',
    path: '/sync/leases',
    input: leaseListInput,
    output: z.object({ items: z.array(leaseRecord) }),
    roles: ['back_office', 'admin'],
    summary:
      'Offline allowance lent to tills: what each holds, spent and unspent, and which leases are past expiry without a report',
  }),
  'sync-leases-write-off': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/leases/:leaseId/write-off',
    input: leaseWriteOffInput,
    output: leaseWriteOffOutput,
    roles: ['back_office', 'admin'],
    summary:
      'Give an expired lease’s unspent units back to the offer when its till will not report (lost, broken, re-enrolled); audited. A sale it made before expiry that arrives later is classified lease_reclaimed',
  }),
};

const people = ['cashier', 'store_manager', 'back_office', 'admin'] as const;

/** The hub ↔ till protocol (docs/sync.md) and the reconciliation of what tills did offline. */
const syncProtocolOperations = {
  'sync-register': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/register',
    input: registerInput,
    output: registerOutput,
    // 'any': a till with a one-time enrolment code has no token yet; the handler checks.
    roles: ['admin', 'back_office', 'any'],
    summary: 'Register a till: answers its device credential (admin sign-in or enrolment code)',
  }),
  'sync-enrolments-create': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/enrolments',
    input: enrolmentInput,
    output: enrolmentOutput,
    roles: ['admin', 'back_office'],
    summary: 'A one-time enrolment code a till uses to register itself',
  }),
  'sync-push': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/push',
    input: pushInput,
    output: pushOutput,
    roles: ['device'],
    summary: 'Push facts made at the till, in tillSeq order; idempotent',
  }),
  'sync-pull': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'GET',
    path: '/sync/pull',
    input: pullInput,
    output: pullOutput,
    roles: ['device'],
    summary: 'Changes this till may see since its cursor, one page',
  }),
  'sync-backfill': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'GET',
    path: '/sync/backfill',
    input: backfillInput,
    output: backfillOutput,
    roles: ['device'],
    summary: 'Older rows of an offer that just became visible to this till',
  }),
  'sync-rows': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/rows',
    input: rowsInput,
    output: rowsOutput,
    roles: ['device'],
    summary: 'Rows by id that a page referenced and this till lacks (visible rows only)',
  }),
  'sync-leases': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/leases',
    input: leasesInput,
    output: leasesOutput,
    roles: ['device'],
    summary: 'Ask for offline allowance of series-limited offers; give unused allowance back',
  }),
  'sync-grants-create': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/grants',
    input: grantCreateInput,
    output: grantCreateOutput,
    roles: ['device'],
    summary:
      'A person signs in at this till while the hub answers: an offline grant for this device (their queued changes are signed with it)',
  }),
  'sync-devices-list': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'GET',
    path: '/sync/devices',
    input: devicesListInput,
    output: devicesListOutput,
    roles: ['store_manager', 'back_office', 'admin'],
    summary: 'Registered till devices (a store manager sees their stores only)',
  }),
  'sync-devices-revoke': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/tills/:tillId/revoke',
    input: deviceRevokeInput,
    output: deviceRevokeOutput,
    roles: ['admin'],
    summary:
      'Cut a till off (stolen or retired): its device credential and offline grants stop working at once',
  }),
  'sync-facts-refused': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'GET',
    path: '/sync/facts/refused',
    input: refusedFactsInput,
    output: refusedFactsOutput,
    roles: ['store_manager', 'back_office', 'admin'],
    summary: 'Facts tills pushed that the hub rejected or found invalid, with the reason',
  }),
  'sync-commands-apply': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/sync/commands',
    input: commandsApplyInput,
    output: commandsApplyOutput,
    roles: ['device'],
    summary: 'Apply back-office changes made at a till while the hub was unreachable, in order',
  }),
  'sync-commands-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/sync/commands',
    input: commandsListInput,
    output: commandsListOutput,
    roles: ['store_manager', 'back_office', 'admin'],
    summary: 'Queued offline changes and whether the hub confirmed or rejected each (and why)',
  }),
  'sync-health': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/sync/health',
    input: z.object({}),
    output: healthOutput,
    roles: [...people],
    summary: 'Online, last success, pending facts, lag and offline allowance left',
  }),
  'sync-now': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/sync/now',
    input: z.object({}),
    output: healthOutput,
    roles: ['store_manager', 'back_office', 'admin'],
    summary: 'Till: run one sync round now and answer the health after it',
  }),
  'reconciliation-list': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'GET',
    path: '/reconciliation',
    input: reconciliationListInput,
    output: reconciliationListOutput,
    roles: ['store_manager', 'back_office', 'admin'],
    summary:
      'Offline redemptions that broke a rule: filter by store, offer, dates, verdict, status',
  }),
  'reconciliation-resolve': defineOperation({
    servedBy: 'hub',
    atTill: 'refuse',
    method: 'POST',
    path: '/reconciliation/:id/resolve',
    input: reconciliationResolveInput,
    output: reconciliationItem,
    roles: ['back_office', 'admin'],
    summary: 'Accept and write off, reverse the redemption, or revoke the coupon; reason required',
  }),
};

/** The sync protocol, the tills' back-office commands, reconciliation and the leases. */
export const syncOperations = { ...syncProtocolOperations, ...leasesOperations };
