import { redemption, type Redemption } from '#shared/domain/redemption';
import type { SqlRow } from '#shared/sql/port';
import { isoOf, isoOrNull, strOrNull } from '../shared/values';

// Each field of the API's redemption is selected under its own name, so a field added to the
// domain schema is read without touching this file; only these need more than `r.<column>`.
const columnExpressions: Partial<Record<keyof Redemption, string>> = {
  offerName: 'o.name',
  billAmount: 'r.bill_amount::text',
  discount: 'r.discount::text',
};
const fields = redemption.keyof().options;
const columnOf = (field: string): string =>
  columnExpressions[field as keyof Redemption] ??
  `r.${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;

/** Redemption columns under alias r, plus the offer's name (alias o) and the reversal's id. */
export const redemptionColumns = /* sql */ `${fields.map((f) => `${columnOf(f)} AS "${f}"`).join(', ')},
  r.reversal_id AS "reversalId"`;

/** A row selected with `redemptionColumns`: timestamps as the driver returns them. */
export type RedemptionRow = SqlRow &
  Omit<Redemption, 'redeemedAt' | 'reversedAt'> & {
    redeemedAt: unknown;
    reversedAt: unknown;
    reversalId: string | null;
  };

export function redemptionFromRow(row: RedemptionRow): Redemption {
  const view = Object.fromEntries(fields.map((f) => [f, row[f]])) as Redemption;
  return {
    ...view,
    customerId: strOrNull(row.customerId),
    billAmount: String(row.billAmount),
    discount: String(row.discount),
    redeemedAt: isoOf(row.redeemedAt),
    reversedAt: isoOrNull(row.reversedAt),
    classification: strOrNull(row.classification),
  };
}

export const redemptionByIdSql = /* sql */ `SELECT ${redemptionColumns}
  FROM redemptions r JOIN offers o ON o.id = r.offer_id WHERE r.id = $1`;
