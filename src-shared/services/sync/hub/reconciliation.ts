import { ApiError, notFound } from '#shared/api/errors';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { storeScope, type Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { classificationMeaning, type Classification } from '#shared/sync/classification';
import type { ReconciliationItem, Resolution } from '#shared/sync/protocol-reconciliation';
import { applyReversal } from '#shared/services/redemptions/index';
import { audit } from '#shared/services/shared/audit';
import { actorOf } from '#shared/services/shared/clock';
import { isoOf, isoOrNull } from '#shared/services/shared/values';

type ItemRow = {
  id: string;
  classification: Classification;
  status: 'OPEN' | 'RESOLVED';
  redemption_id: string;
  till_id: string;
  store_id: string;
  offer_id: string;
  offer_name: string;
  coupon_id: string;
  code: string;
  customer_id: string | null;
  discount: unknown;
  currency: string;
  redeemed_at: unknown;
  created_at: unknown;
  reasons: unknown;
  resolution: Resolution | null;
  resolution_reason: string | null;
  resolved_by: string | null;
  resolved_at: unknown;
};

// A refused item has no ledger row and may name an offer the hub lacks: it carries its own
// discount, currency and customer (refused-facts.ts), hence the outer joins.
const itemColumns = `i.id, i.classification, i.status, i.redemption_id, i.till_id, i.store_id, i.offer_id,
  COALESCE(o.name, 'unknown offer ' || i.offer_id) AS offer_name, i.coupon_id, i.code,
  COALESCE(r.customer_id, i.customer_id) AS customer_id,
  COALESCE(r.discount, i.discount, 0)::text AS discount, COALESCE(r.currency, i.currency, '') AS currency,
  i.redeemed_at, i.created_at, i.reasons, i.resolution, i.resolution_reason, i.resolved_by, i.resolved_at`;
const itemFrom = `FROM reconciliation_items i
  LEFT JOIN redemptions r ON r.id = i.redemption_id AND i.classification <> 'refused'
  LEFT JOIN offers o ON o.id = i.offer_id`;

type ConflictRow = {
  id: string;
  coupon_id: string;
  store_id: string;
  till_id: string;
  discount: unknown;
  currency: string;
  redeemed_at: unknown;
  origin: string;
  reversed_at: unknown;
};

/** How many of a coupon's other redemptions an item shows: a common code may have thousands. */
const conflictsShown = 5;

/** The other redemptions of each item's coupon, one statement for the whole page. */
async function conflictsOf(
  sql: SqlPort,
  rows: readonly ItemRow[],
): Promise<Map<string, ReconciliationItem['conflicts']>> {
  const out = new Map<string, ReconciliationItem['conflicts']>();
  const couponIds = [...new Set(rows.map((r) => r.coupon_id))];
  if (couponIds.length === 0) return out;
  const found = await sql.query<ConflictRow>(
    `SELECT id, coupon_id, store_id, till_id, discount::text AS discount, currency, redeemed_at,
            origin, reversed_at
       FROM (SELECT r.*, row_number() OVER (PARTITION BY r.coupon_id ORDER BY r.redeemed_at DESC) AS n
               FROM redemptions r WHERE r.coupon_id = ANY($1::text[])) x
      WHERE n <= $2 ORDER BY redeemed_at DESC`,
    [couponIds, conflictsShown + 1],
  );
  for (const item of rows) {
    out.set(
      item.id,
      found
        .filter((c) => c.coupon_id === item.coupon_id && c.id !== item.redemption_id)
        .slice(0, conflictsShown)
        .map((c) => ({
          redemptionId: c.id,
          storeId: c.store_id,
          tillId: c.till_id,
          discount: String(c.discount),
          currency: c.currency,
          redeemedAt: isoOf(c.redeemed_at),
          offline: c.origin === 'OFFLINE',
          reversedAt: isoOrNull(c.reversed_at),
        })),
    );
  }
  return out;
}

const toItem = (
  r: ItemRow,
  conflicts: ReconciliationItem['conflicts'] = [],
): ReconciliationItem => ({
  id: r.id,
  classification: r.classification,
  status: r.status,
  redemptionId: r.redemption_id,
  tillId: r.till_id,
  storeId: r.store_id,
  offerId: r.offer_id,
  offerName: r.offer_name,
  couponId: r.coupon_id,
  code: r.code,
  customerId: r.customer_id,
  discount: String(r.discount),
  currency: r.currency,
  redeemedAt: isoOf(r.redeemed_at),
  receivedAt: isoOf(r.created_at),
  reasons: Array.isArray(r.reasons) ? (r.reasons as ReconciliationItem['reasons']) : [],
  meaning: classificationMeaning[r.classification] ?? '',
  resolution: r.resolution,
  resolutionReason: r.resolution_reason,
  resolvedBy: r.resolved_by,
  resolvedAt: isoOrNull(r.resolved_at),
  conflicts,
});

/**
 * Reconciliation items with filters. Every filter is a parameter; an absent one is NULL and
 * matches everything, so the statement text never changes. A store-scoped person sees only
 * their stores' items.
 */
export async function listItems(
  sql: SqlPort,
  input: OpParsedInput<'reconciliation-list'>,
  principal: Principal,
): Promise<OpOutput<'reconciliation-list'>> {
  const where = `WHERE ($1::text IS NULL OR i.store_id = $1)
      AND ($2::text IS NULL OR i.offer_id = $2)
      AND ($3::timestamptz IS NULL OR i.redeemed_at >= $3)
      AND ($4::timestamptz IS NULL OR i.redeemed_at < $4)
      AND ($5::text IS NULL OR i.classification = $5)
      AND ($6::text IS NULL OR i.status = $6)
      AND ($7::text[] IS NULL OR i.store_id = ANY($7::text[]))`;
  const params = [
    input.storeId ?? null,
    input.offerId ?? null,
    input.from ?? null,
    input.to ?? null,
    input.classification ?? null,
    input.status ?? null,
    storeScope(principal),
  ];
  const rows = await sql.query<ItemRow>(
    `SELECT ${itemColumns} ${itemFrom} ${where} ORDER BY i.created_at DESC, i.id DESC LIMIT $8 OFFSET $9`,
    [...params, input.limit, input.offset],
  );
  const total = await sql.query<{ n: unknown }>(
    `SELECT count(*) AS n ${itemFrom} ${where}`,
    params,
  );
  const conflicts = await conflictsOf(sql, rows);
  return {
    items: rows.map((r) => toItem(r, conflicts.get(r.id))),
    total: Number(total[0]?.n ?? 0),
  };
}

export async function getItem(sql: SqlPort, id: string): Promise<ReconciliationItem> {
  const rows = await sql.query<ItemRow>(`SELECT ${itemColumns} ${itemFrom} WHERE i.id = $1`, [id]);
  if (!rows[0]) throw notFound('Reconciliation item', id);
  const conflicts = await conflictsOf(sql, rows);
  return toItem(rows[0], conflicts.get(rows[0].id));
}

/**
 * Resolves an item: accept and write off (the redemption stands), reverse the
 * redemption (the coupon gets its use back, counters drop), or revoke the coupon (the
 * redemption stands; the code can never be used again). The reason is required and the
 * decision is written to audit_log and shown on the item.
 * See docs/architecture.md, "Always accept, then classify".
 */
export async function resolveItem(
  sql: SqlPort,
  input: OpParsedInput<'reconciliation-resolve'>,
  principal: Principal,
  now: Date,
): Promise<OpOutput<'reconciliation-resolve'>> {
  const at = now.toISOString();
  const actor = actorOf(principal);
  await sql.transaction(async (tx) => {
    const rows = await tx.query<{
      status: string;
      classification: string;
      redemption_id: string;
      coupon_id: string;
      offer_id: string;
      store_id: string;
    }>(
      'SELECT status, classification, redemption_id, coupon_id, offer_id, store_id FROM reconciliation_items WHERE id = $1 FOR UPDATE',
      [input.id],
    );
    const item = rows[0];
    if (!item) throw notFound('Reconciliation item', input.id);
    const scope = storeScope(principal);
    if (scope !== null && !scope.includes(item.store_id)) {
      throw new ApiError('FORBIDDEN', `${actor} may not resolve items of store ${item.store_id}`);
    }
    if (item.status !== 'OPEN') {
      throw new ApiError('CONFLICT', `item ${input.id} is already resolved; see its resolution`, {
        field: 'id',
      });
    }
    if (item.classification === 'refused' && input.action !== 'ACCEPT_WRITE_OFF') {
      throw new ApiError(
        'CONFLICT',
        'the hub never recorded this redemption, so there is nothing to reverse or revoke; accept and write it off',
        { field: 'action' },
      );
    }
    let effect: Record<string, unknown> = {};
    if (input.action === 'REVERSE_REDEMPTION') {
      await tx.query('SELECT 1 FROM offers WHERE id = $1 FOR UPDATE', [item.offer_id]);
      const { applied } = await applyReversal(tx, {
        redemptionId: item.redemption_id,
        reversalId: `reconciliation:${input.id}`,
        reversedAt: at,
        reason: `reconciliation: ${input.reason}`,
      });
      effect = { reversed: applied };
    } else if (input.action === 'REVOKE_COUPON') {
      const revoked = await tx.query(
        `UPDATE coupons SET state = 'REVOKED', revoked_at = $2, last_status_change_on = $2
          WHERE id = $1 AND state <> 'REVOKED' RETURNING id`,
        [item.coupon_id, at],
      );
      effect = { revoked: revoked.length === 1 };
    }
    await tx.query(
      `UPDATE reconciliation_items SET status = 'RESOLVED', resolution = $2, resolution_reason = $3,
              resolved_by = $4, resolved_at = $5 WHERE id = $1`,
      [input.id, input.action, input.reason, actor, at],
    );
    await audit(tx, {
      at,
      actor,
      action: `reconciliation.${input.action.toLowerCase()}`,
      entityType: 'reconciliation_item',
      entityId: input.id,
      details: {
        reason: input.reason,
        redemptionId: item.redemption_id,
        couponId: item.coupon_id,
        ...effect,
      },
    });
  });
  return getItem(sql, input.id);
}
