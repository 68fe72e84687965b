import type { OpOutput } from '#shared/api/operations';
import type { SqlPort } from '#shared/sql/port';

type Row = { id: string; state: string; verdict: string | null; message: string | null };
type Item = OpOutput<'till-redemption-states'>['items'][number];

const states = ['pending', 'sent', 'confirmed', 'flagged'] as const;
const toState = (s: string): Item['state'] => states.find((x) => x === s) ?? 'sent';

/**
 * Where each recent redemption of a till stands with the hub, read from what the till holds:
 * its fact still in the outbox (pending); made offline and acknowledged but not yet pulled back
 * with a verdict (sent); the hub's row pulled back accepted, or made online (confirmed); pulled
 * back with any other classification, or refused at push (flagged). Same order as
 * redemptions-list, so the screen joins the two by id.
 */
export async function redemptionStates(
  sql: SqlPort,
  input: { tillId: string; limit: number },
): Promise<OpOutput<'till-redemption-states'>> {
  const rows = await sql.query<Row>(
    `SELECT r.id,
            CASE WHEN EXISTS (SELECT 1 FROM till_outbox o WHERE o.client_id = r.id) THEN 'pending'
                 WHEN f.client_id IS NOT NULL THEN 'flagged'
                 WHEN r.classification IS NULL AND r.origin = 'OFFLINE' THEN 'sent'
                 WHEN r.classification IS NULL OR r.classification = 'accepted' THEN 'confirmed'
                 ELSE 'flagged' END AS state,
            CASE WHEN f.client_id IS NOT NULL THEN 'refused' ELSE r.classification END AS verdict,
            f.message
       FROM redemptions r LEFT JOIN till_fact_outcomes f ON f.client_id = r.id
      WHERE r.till_id = $1
      ORDER BY r.redeemed_at DESC, r.id DESC LIMIT $2`,
    [input.tillId, input.limit],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      state: toState(r.state),
      verdict: r.verdict,
      message: r.message,
    })),
  };
}
