import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { notificationStatuses, type NotificationStatus } from '#shared/notifications/types';
import type { SqlPort } from '#shared/sql/port';
import { requireOffer } from '../offers/index';
import { numOf, strOrNull } from '../shared/values';
import { jobColumns, jobFromRow, toItem } from './job-row';

const listSql = /* sql */ `SELECT ${jobColumns}, c.code AS coupon_code,
    CASE WHEN j.channel = 'SMS' THEN cu.mobile ELSE cu.email END AS contact
  FROM notification_jobs j
  LEFT JOIN coupons c ON c.id = j.coupon_id
  LEFT JOIN customers cu ON cu.id = c.customer_id
  WHERE j.offer_id = $1
    AND ($2::text IS NULL OR j.status = $2)
    AND ($3::text IS NULL OR j.kind = $3)
  ORDER BY j.due_at DESC, j.id DESC
  LIMIT $4`;

/** The offer's notification log, newest due first, with the count per status. */
export async function listNotifications(
  sql: SqlPort,
  input: OpParsedInput<'notifications-list'>,
): Promise<OpOutput<'notifications-list'>> {
  await requireOffer(sql, input.id);
  const rows = await sql.query(listSql, [
    input.id,
    input.status ?? null,
    input.kind ?? null,
    input.limit,
  ]);
  const countRows = await sql.query<{ status: string; n: unknown }>(
    'SELECT status, count(*) AS n FROM notification_jobs WHERE offer_id = $1 GROUP BY status',
    [input.id],
  );
  const counts = Object.fromEntries(notificationStatuses.map((s) => [s, 0])) as Record<
    NotificationStatus,
    number
  >;
  for (const r of countRows) counts[r.status as NotificationStatus] = numOf(r.n);
  return {
    items: rows.map((row) =>
      toItem(jobFromRow(row), strOrNull(row.coupon_code), strOrNull(row.contact)),
    ),
    counts,
  };
}
