import type { SqlPort } from '#shared/sql/port';
import { alertRecipients } from '#shared/notifications/recipients';
import { localDateOf } from '#shared/notifications/schedule';
import { loadContacts } from '../org/index';
import { jsonOf, numOf } from '../shared/values';
import { insertJobs } from './insert-jobs';

type LimitRow = {
  id: string;
  version: unknown;
  issued_count: unknown;
  total_limit: unknown;
  threshold: unknown;
  emails: unknown;
  contact_ids: unknown;
  armed: boolean | null;
};

const offersSql = /* sql */ `SELECT o.id, o.version, o.issued_count,
    (o.config #>> '{issuance,totalLimit}')::int AS total_limit,
    (o.config #>> '{issuance,notifyThreshold}')::int AS threshold,
    COALESCE(o.config #> '{issuance,notifyEmails}', '[]'::jsonb) AS emails,
    COALESCE(o.config #> '{issuance,notifyContactIds}', '[]'::jsonb) AS contact_ids,
    s.armed
  FROM offers o LEFT JOIN notification_limit_state s ON s.offer_id = o.id
  WHERE o.config #>> '{issuance,totalLimit}' IS NOT NULL
    AND o.config #>> '{issuance,notifyThreshold}' IS NOT NULL
    AND (o.ends_at IS NULL OR o.ends_at > $1)`;

/**
 * Disarms the alert and counts the crossing, only if it was armed (or never seen): two hubs,
 * or two ticks, that both see the crossing cannot both alert. Returns the crossing number.
 */
const fireSql = /* sql */ `INSERT INTO notification_limit_state AS s (offer_id, armed, crossings, updated_at)
  VALUES ($1, false, 1, $2)
  ON CONFLICT (offer_id) DO UPDATE SET armed = false, crossings = s.crossings + 1, updated_at = $2
    WHERE s.armed
  RETURNING crossings`;

const rearmSql = /* sql */ `UPDATE notification_limit_state SET armed = true, updated_at = $2
  WHERE offer_id = $1 AND NOT armed`;

/**
 * Issual-limit alerts: when the coupons still issuable (total limit − issued) fall to the
 * threshold, one email to each picked point of contact (at their current address) and each
 * further address, once per crossing. Raising the limit (or
 * lowering the threshold) so that more than the threshold remain re-arms the alert.
 */
export async function planIssualAlerts(
  sql: SqlPort,
  w: { now: string; orgZone: string; maxAttempts: number },
): Promise<number> {
  const rows = await sql.query<LimitRow>(offersSql, [w.now]);
  if (rows.length === 0) return 0;
  const contacts = await loadContacts(sql);
  let planned = 0;
  for (const row of rows) {
    const limit = numOf(row.total_limit);
    const threshold = numOf(row.threshold);
    const issued = numOf(row.issued_count);
    const remaining = limit - issued;
    if (remaining > threshold) {
      if (row.armed === false) await sql.query(rearmSql, [row.id, w.now]);
      continue;
    }
    // Nothing was issued yet: the threshold was set at or above the limit, nothing "fell".
    if (issued === 0 || row.armed === false) continue;
    const emails = alertRecipients(
      {
        notifyContactIds: jsonOf<string[]>(row.contact_ids),
        notifyEmails: jsonOf<string[]>(row.emails),
        offerExpiryReminder: { enabled: false, contactIds: [], pocEmails: [], daysBefore: 0 },
      },
      'ISSUAL_LIMIT',
      contacts,
    );
    planned += await sql.transaction(async (tx) => {
      const fired = await tx.query<{ crossings: unknown }>(fireSql, [row.id, w.now]);
      if (fired.length === 0) return 0;
      const crossing = numOf(fired[0]?.crossings);
      return insertJobs(
        tx,
        emails.map((email) => ({
          kind: 'ISSUAL_LIMIT' as const,
          offerId: row.id,
          couponId: null,
          subject: email.toLowerCase(),
          reminderIndex: crossing,
          dueDate: localDateOf(w.now, w.orgZone),
          dueAt: w.now,
          channel: 'EMAIL' as const,
          skipReason: null,
          recipient: email,
          plan: { totalLimit: limit, issuedCount: issued, threshold },
          offerVersion: numOf(row.version),
        })),
        w.now,
        w.maxAttempts,
      );
    });
  }
  return planned;
}
