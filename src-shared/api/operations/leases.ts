import { z } from 'zod';
import { defineOperation } from '../define';
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

export const leasesOperations = {
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
