import { describe, expect, it } from 'vitest';
import type { SqlPort } from '#shared/sql/port';
import { eachDialect, useFreshDb } from '../../../helpers/db';

/** Migration 0008 (coupon-bulk-shape): what the reshaped coupons table still guarantees. */

const at = '2026-11-01T10:00:00Z';

async function offer(sql: SqlPort, id: string): Promise<void> {
  await sql.query(
    `INSERT INTO offers (id, offer_code, name, config, code_method, expiry_type, starts_at,
                         created_at, modified_at)
     VALUES ($1, $1, $1, '{}'::jsonb, 'UNIQUE_AUTO', 'FIXED_DATE', $2, $2, $2)`,
    [id, at],
  );
}

async function customer(sql: SqlPort, id: string): Promise<void> {
  await sql.query('INSERT INTO customers (id, name, registered_at) VALUES ($1, $1, $2)', [id, at]);
}

async function coupon(
  sql: SqlPort,
  row: {
    id: string;
    offer: string;
    code: string;
    unique?: boolean;
    customer?: string | null;
    /** 0 as a till stores a pulled row; else the inserting transaction's id, as at a hub. */
    hubXid?: 0;
  },
): Promise<void> {
  await sql.query(
    `INSERT INTO coupons (id, offer_id, code, code_unique, customer_id, issued_at, created_at,
                          hub_xid)
     VALUES ($1, $2, $3, $4, $5, $6, $6, COALESCE($7, pg_current_xact_id()::text::bigint))`,
    [row.id, row.offer, row.code, row.unique ?? true, row.customer ?? null, at, row.hubXid ?? null],
  );
}

const sqlState = (error: unknown): unknown => (error as { code?: unknown }).code;

async function failure(run: () => Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await run();
  } catch (error) {
    return { code: sqlState(error), message: String((error as Error).message) };
  }
  throw new Error('expected the statement to fail');
}

eachDialect('migration 0008', (dialect) => {
  const w = useFreshDb(dialect, async (db) => {
    await offer(db.sql, 'O1');
    await offer(db.sql, 'O2');
    await customer(db.sql, 'K1');
    return {};
  });

  describe('one index on code', () => {
    it('keeps a unique code unique within its offer, and nowhere else', async () => {
      await coupon(w.db.sql, { id: 'u1', offer: 'O1', code: 'SAME1' });
      const clash = await failure(() => coupon(w.db.sql, { id: 'u2', offer: 'O1', code: 'SAME1' }));
      expect(clash.code).toBe('23505');
      await coupon(w.db.sql, { id: 'u3', offer: 'O2', code: 'SAME1' });
    });

    it('lets every recipient of a common code hold it, and finds them all by code', async () => {
      for (const id of ['c1', 'c2', 'c3']) {
        await coupon(w.db.sql, { id, offer: 'O1', code: 'WELCOME', unique: false });
      }
      const rows = await w.db.sql.query<{ id: string }>(
        'SELECT id FROM coupons WHERE code = $1 ORDER BY id',
        ['WELCOME'],
      );
      expect(rows.map((r) => r.id)).toEqual(['c1', 'c2', 'c3']);
    });

    it('is the arbiter for ON CONFLICT DO NOTHING on a unique code', async () => {
      await coupon(w.db.sql, { id: 'a1', offer: 'O1', code: 'ARB1' });
      const rows = await w.db.sql.query(
        `INSERT INTO coupons (id, offer_id, code, code_unique, created_at)
         VALUES ('a2', 'O1', 'ARB1', true, $1)
         ON CONFLICT (code, offer_id, (CASE WHEN code_unique THEN '' ELSE id END)) DO NOTHING
         RETURNING id`,
        [at],
      );
      expect(rows).toEqual([]);
    });
  });

  describe('offers and customers with coupons cannot be deleted', () => {
    it('refuses to delete a customer or an offer that coupons refer to, naming it', async () => {
      await coupon(w.db.sql, { id: 'k1', offer: 'O2', code: 'HELD1', customer: 'K1' });
      const byCustomer = await failure(() =>
        w.db.sql.query("DELETE FROM customers WHERE id = 'K1'"),
      );
      expect(byCustomer.code).toBe('23503');
      expect(byCustomer.message).toContain('customers K1 cannot be deleted');
      const byOffer = await failure(() => w.db.sql.query("DELETE FROM offers WHERE id = 'O2'"));
      expect(byOffer.code).toBe('23503');
      const left = await w.db.sql.query(
        "SELECT (SELECT count(*) FROM customers WHERE id = 'K1')::int AS k, (SELECT count(*) FROM offers WHERE id = 'O2')::int AS o",
      );
      expect(left[0]).toEqual({ k: 1, o: 1 });
    });

    it('still deletes a customer no coupon refers to', async () => {
      await customer(w.db.sql, 'K-free');
      await w.db.sql.query("DELETE FROM customers WHERE id = 'K-free'");
      const left = await w.db.sql.query(
        "SELECT count(*)::int AS n FROM customers WHERE id = 'K-free'",
      );
      expect(left[0]).toEqual({ n: 0 });
    });
  });

  describe('hub_xid stamp', () => {
    it('stamps a hub row on update and leaves a till replica row (hub_xid = 0) alone', async () => {
      await coupon(w.db.sql, { id: 'h1', offer: 'O1', code: 'HUBROW' });
      await coupon(w.db.sql, { id: 't1', offer: 'O1', code: 'TILLROW', hubXid: 0 });
      const before = await w.db.sql.query<{ id: string; x: unknown }>(
        "SELECT id, hub_xid AS x FROM coupons WHERE id IN ('h1', 't1') ORDER BY id",
      );
      expect(Number(before.find((r) => r.id === 't1')?.x)).toBe(0);
      await w.db.sql.query(
        "UPDATE coupons SET redemption_count = redemption_count + 1 WHERE id IN ('h1', 't1')",
      );
      const after = await w.db.sql.query<{ id: string; x: unknown }>(
        "SELECT id, hub_xid AS x FROM coupons WHERE id IN ('h1', 't1') ORDER BY id",
      );
      const xid = (rows: { id: string; x: unknown }[], id: string) =>
        Number(rows.find((r) => r.id === id)?.x);
      expect(xid(after, 'h1')).toBeGreaterThan(xid(before, 'h1'));
      expect(xid(after, 't1')).toBe(0);
    });

    it('makes a till redemption counter update a HOT update (no index written)', async () => {
      await coupon(w.db.sql, { id: 'hot1', offer: 'O1', code: 'HOTROW', hubXid: 0 });
      // Pending (unflushed) stats may still hold earlier statements' counts: compare deltas.
      const counts = `SELECT pg_stat_get_xact_tuples_updated('coupons'::regclass)::int AS n,
                             pg_stat_get_xact_tuples_hot_updated('coupons'::regclass)::int AS hot`;
      const delta = await w.db.sql.transaction(async (tx) => {
        const [before] = await tx.query<{ n: number; hot: number }>(counts);
        await tx.query(
          "UPDATE coupons SET redemption_count = redemption_count + 1, last_status_change_on = now() WHERE id = 'hot1'",
        );
        const [after] = await tx.query<{ n: number; hot: number }>(counts);
        return { n: after!.n - before!.n, hot: after!.hot - before!.hot };
      });
      expect(delta).toEqual({ n: 1, hot: 1 });
    });
  });
});
