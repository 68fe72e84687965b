/**
 * The columns of `coupons` in table order: the one list the replicated table, the uploads' COPY
 * and the benchmark seed cut theirs from (docs/architecture.md, "The coupons table").
 */
export const couponColumns = [
  'id',
  'offer_id',
  'code',
  'code_unique',
  'customer_id',
  'state',
  'issued_at',
  'expires_at',
  'redemption_count',
  'revoked_at',
  'is_reversed',
  'last_status_change_on',
  'upload_id',
  'created_at',
] as const;
export type CouponColumn = (typeof couponColumns)[number];

// What a redemption or a revocation changes later: a new coupon leaves them to their defaults.
const laterColumns: readonly CouponColumn[] = ['redemption_count', 'revoked_at', 'is_reversed'];

/** The columns a new coupon is written with (COPY), in table order. */
export const newCouponColumns: readonly CouponColumn[] = couponColumns.filter(
  (c) => !laterColumns.includes(c),
);
