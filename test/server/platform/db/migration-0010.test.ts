import { expect, it } from 'vitest';
import type { SqlPort } from '#shared/sql/port';
import { eachDialect, useFreshDb } from '../../../helpers/db';

/**
 * Migration 0010 (replica-stamp-when): a replica row (hub_xid = 0) is updated without entering
 * sync_stamp_xid at all, and a stamped row is still stamped with the writing transaction's id.
 */
const at = '2026-11-01T10:00:00Z';

type Probe = { before: string; after: string; xid: string; calls: number };

/** Bumps a coupon's counter in one transaction, counting the stamp function's calls in it. */
async function bump(sql: SqlPort, id: string): Promise<Probe> {
  return sql.transaction(async (tx) => {
    await tx.exec(`SET LOCAL track_functions = 'pl'`);
    const before = await tx.query<{ x: unknown }>(
      'SELECT hub_xid AS x FROM coupons WHERE id = $1',
      [id],
    );
    await tx.query('UPDATE coupons SET redemption_count = redemption_count + 1 WHERE id = $1', [
      id,
    ]);
    const rows = await tx.query<{ x: unknown; xid: unknown; calls: unknown }>(
      `SELECT c.hub_xid AS x, pg_current_xact_id()::text AS xid,
              COALESCE(pg_stat_get_xact_function_calls('sync_stamp_xid'::regproc), 0) AS calls
         FROM coupons c WHERE c.id = $1`,
      [id],
    );
    const row = rows[0] as { x: unknown; xid: unknown; calls: unknown };
    return {
      before: String(before[0]?.x),
      after: String(row.x),
      xid: String(row.xid),
      calls: Number(row.calls),
    };
  });
}

eachDialect('migration 0010', (dialect) => {
  const w = useFreshDb(dialect, async (db) => {
    await db.sql.query(
      `INSERT INTO offers (id, offer_code, name, config, code_method, expiry_type, starts_at,
                           created_at, modified_at)
       VALUES ('O1', 'O1', 'O1', '{}'::jsonb, 'UNIQUE_AUTO', 'FIXED_DATE', $1, $1, $1)`,
      [at],
    );
    await db.sql.query(
      `INSERT INTO coupons (id, offer_id, code, code_unique, issued_at, created_at, hub_xid)
       VALUES ('REPLICA', 'O1', 'AAAA1', true, $1, $1, 0),
              ('STAMPED', 'O1', 'AAAA2', true, $1, $1, pg_current_xact_id()::text::bigint)`,
      [at],
    );
    return {};
  });

  it('updates a replica row without calling the stamp function, leaving hub_xid = 0', async () => {
    const probe = await bump(w.db.sql, 'REPLICA');
    expect(probe).toMatchObject({ before: '0', after: '0', calls: 0 });
  });

  it('still stamps a row that carries a stamp with the writing transaction', async () => {
    const probe = await bump(w.db.sql, 'STAMPED');
    expect(probe.before).not.toBe('0');
    expect(probe.after).toBe(probe.xid);
    expect(probe.calls).toBe(1);
  });

  it('puts the condition on every replicated table, under the names the pull knows', async () => {
    const rows = await w.db.sql.query<{ tgname: string; def: string }>(
      `SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger
        WHERE tgname LIKE '%\\_hub\\_xid' ORDER BY tgname`,
    );
    expect(rows.map((r) => r.tgname)).toEqual([
      'coupons_hub_xid',
      'customers_hub_xid',
      'offers_hub_xid',
      'redemptions_hub_xid',
    ]);
    for (const r of rows) expect(r.def).toContain('WHEN ((old.hub_xid <> 0))');
  });
});
