import { z } from 'zod';
import { defineOperation } from '../define';
import { instant } from '#shared/domain/primitives';
import { queryInt } from './common';

const notACursor =
  'is not a cursor from an earlier audit-list page; leave it out to start from the newest';
const INT8_MAX = 9_223_372_036_854_775_807n;

/**
 * A page boundary: the last row's instant and id ("2025-03-10T06:30:00.000Z~42"). Opaque to
 * callers; the next page starts strictly after it in (at DESC, id DESC) order, so rows
 * written while someone pages never shift or repeat what they have seen.
 */
export const auditCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z~\d{1,19}$/, notACursor)
  // The halves are cast to timestamptz and bigint: an impossible date or id must be a 400.
  .refine((c) => {
    const cut = c.lastIndexOf('~');
    const id = c.slice(cut + 1);
    if (cut < 0 || !/^\d{1,19}$/.test(id)) return true; // the regex has said so already
    return instant.safeParse(c.slice(0, cut)).success && BigInt(id) <= INT8_MAX;
  }, notACursor);

export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  /** e.g. offer.update, coupons.revoke, reconciliation.reverse_redemption */
  action: z.string(),
  /** e.g. offer, coupon, reconciliation_item, store */
  entityType: z.string(),
  entityId: z.string(),
  details: z.record(z.string(), z.unknown()),
});

const optionalText = z.string().trim().min(1).max(200).optional();

export const auditListInput = z
  .object({
    entityType: optionalText,
    entityId: optionalText,
    /** The actor as recorded: a username, till:<id> or system. */
    actor: optionalText,
    /** Inclusive lower bound on the entry's time. */
    from: instant.optional(),
    /** Exclusive upper bound. */
    to: instant.optional(),
    cursor: auditCursor.optional(),
    limit: queryInt(1, 500, 50),
  })
  .refine((i) => !i.from || !i.to || Date.parse(i.from) < Date.parse(i.to), {
    message: 'must be after from',
    path: ['to'],
  });

export const auditOperations = {
  'audit-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/audit',
    input: auditListInput,
    output: z.object({
      items: z.array(auditEntry),
      /** Pass as cursor for the next (older) page; null on the last page. */
      nextCursor: z.string().nullable(),
    }),
    roles: ['back_office', 'admin'],
    summary:
      'The audit trail, newest first, one page at a time: filter by entity, actor and time range',
  }),
};
