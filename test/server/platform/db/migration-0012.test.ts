import { expect, it } from 'vitest';
import { eachDialect, useFreshDb } from '../../../helpers/db';

/** Migration 0012 (sync-trust): grants, refused facts and reconciliation items without a ledger row. */
eachDialect('migration 0012', (dialect) => {
  const w = useFreshDb(dialect, () => ({}));

  it('takes a refused item that names no ledger row, with its own amount', async () => {
    await w.db.sql.query(
      `INSERT INTO reconciliation_items (id, redemption_id, fact_client_id, till_id, store_id, offer_id,
              coupon_id, code, classification, reasons, redeemed_at, created_at, discount, currency)
       VALUES ('i1', 'not-in-ledger', 'f1', 'T1', 'S1', 'O1', 'C1', 'CODE', 'refused', '[]', now(), now(), 12.50, 'INR')`,
    );
    const rows = await w.db.sql.query<{ discount: unknown }>(
      "SELECT discount::text AS discount FROM reconciliation_items WHERE id = 'i1'",
    );
    expect(rows[0]?.discount).toBe('12.50');
  });

  it('keeps one grant key, and grants refer to real people', async () => {
    await w.db.sql.query(
      "INSERT INTO hub_keys (name, secret, created_at) VALUES ('grants', 'a', now())",
    );
    await expect(
      w.db.sql.query(
        "INSERT INTO hub_keys (name, secret, created_at) VALUES ('grants', 'b', now())",
      ),
    ).rejects.toThrow();
    await expect(
      w.db.sql.query(
        `INSERT INTO sync_grants (id, user_id, device_id, till_id, store_id, issued_at, expires_at)
         VALUES ('g1', 'nobody', 'd1', 'T1', 'S1', now(), now())`,
      ),
    ).rejects.toThrow();
  });

  it('a till keeps only rejected or invalid verdicts', async () => {
    await expect(
      w.db.sql.query(
        `INSERT INTO till_fact_outcomes (client_id, till_seq, kind, outcome, reason_code, message, decided_at)
         VALUES ('f', 1, 'REDEMPTION', 'applied', 'X', 'x', now())`,
      ),
    ).rejects.toThrow();
  });
});
