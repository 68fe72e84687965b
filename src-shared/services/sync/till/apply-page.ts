import type { SqlPort } from '../../../sql/port';
import { parseCursor } from '../../../sync/cursor';
import type { Lease, PullOutput, TableChunk } from '../../../sync/protocol';
import { tableColumns, type SyncedTable } from '../../../sync/tables';
import { rowsToCopyBinary } from './copy-binary';
import { binaryTypesOf, chunkRows, copyBytes, type PulledChunk } from './copy-chunk';
import { rowsToCopyCsv } from './copy-rows';
import type { IdFilter } from './id-filter';
import { childDeletes, snapshotDeletes, upsertQueries } from './upsert-sql';

/** Applies chunks parents first, so every foreign key finds its row in the same transaction. */
const order: readonly SyncedTable[] = [
  'org_entities',
  'org_settings',
  'currency_rates',
  'users',
  'offers',
  'offer_store_tags',
  'offer_sync_scope',
  'customers',
  'coupons',
  'redemptions',
];

/**
 * Pulled rows are the hub's, already consistent: like a logical-replication worker, the till
 * applies its big tables (customers, coupons, redemptions) with triggers and foreign-key checks
 * off, for that statement's table only — they would double the cost of a first pull of a
 * million coupons and check nothing the hub has not. A table that carries a trigger someone
 * else added (a derived table to keep in step, say) is applied normally instead; so are the
 * small tables (offers feed the offer list through a trigger).
 */
const replicaCandidates = new Set<SyncedTable>(['customers', 'coupons', 'redemptions']);
const ownTriggers = new Set([
  'customers_hub_xid',
  'coupons_hub_xid',
  'redemptions_hub_xid',
  'customers_keep_coupons',
]);

const replicaSafeTables = async (tx: SqlPort): Promise<Set<string>> => {
  const rows = await tx.query<{ table_name: string; tgname: string }>(
    `SELECT c.relname AS table_name, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relname = ANY($1::text[])`,
    [[...replicaCandidates]],
  );
  const unsafe = new Set(rows.filter((r) => !ownTriggers.has(r.tgname)).map((r) => r.table_name));
  return new Set([...replicaCandidates].filter((t) => !unsafe.has(t)));
};

/** Applies chunks in order, switching trigger mode only where it changes. */
const bulkTables = new Set<SyncedTable>(['customers', 'coupons', 'redemptions']);

const applyChunks = async (
  tx: SqlPort,
  chunks: readonly PulledChunk[],
  bulk: boolean,
): Promise<void> => {
  const safe = await replicaSafeTables(tx);
  let mode = 'origin';
  for (const c of chunks) {
    const want = safe.has(c.table) ? 'replica' : 'origin';
    if (want !== mode) {
      await tx.query(
        want === 'replica'
          ? 'SET LOCAL session_replication_role = replica'
          : 'SET LOCAL session_replication_role = origin',
      );
      mode = want;
    }
    await applyChunk(tx, c, bulk);
  }
  if (mode !== 'origin') await tx.query('SET LOCAL session_replication_role = origin');
};

export class SchemaMismatchError extends Error {
  override name = 'SchemaMismatchError';
}

const checkChunk = (chunk: TableChunk): SyncedTable => {
  const table = order.find((t) => t === chunk.table);
  if (!table)
    throw new SchemaMismatchError(
      `the hub sent rows of table ${chunk.table}, which a till does not keep`,
    );
  const expected = tableColumns[table];
  if (chunk.columns.length !== expected.length || chunk.columns.some((c, i) => c !== expected[i])) {
    throw new SchemaMismatchError(
      `the hub's columns for ${table} (${chunk.columns.join(', ')}) differ from this till's; update the till`,
    );
  }
  return table;
};

const idColumn = (chunk: PulledChunk): string[] =>
  chunkRows(chunk.table as SyncedTable, chunk, [0]).map((r) => String(r[0]));

const binaryPayload = (table: SyncedTable, rows: readonly unknown[][]): Uint8Array | null => {
  const types = binaryTypesOf(table);
  return types ? rowsToCopyBinary(rows, types) : null;
};

/**
 * Applies one chunk of pulled rows. `bulk` (a first pull, into a till that has none of these
 * rows) loads the big tables with COPY — binary where the port has it and every value encodes
 * (see copy-binary.ts), CSV otherwise — instead of an INSERT over a jsonb parameter, which
 * parses the whole page as jsonb and every value again as text; it falls back to the upsert,
 * inside a savepoint, when a row turns out to exist.
 */
export async function applyChunk(tx: SqlPort, chunk: PulledChunk, bulk = false): Promise<void> {
  const table = checkChunk(chunk);
  // A binary COPY chunk from the hub goes in as it came; its rows are read only if needed.
  const passed = copyBytes(chunk);
  if (
    bulk &&
    chunk.mode === 'upsert' &&
    bulkTables.has(table) &&
    (passed !== null || chunk.rows.length > 0)
  ) {
    const columns = [...tableColumns[table], 'hub_xid'];
    const binary = !tx.copyFromBinary ? null : (passed ?? binaryPayload(table, chunk.rows));
    await tx.query('SAVEPOINT sync_bulk');
    try {
      if (binary && tx.copyFromBinary) await tx.copyFromBinary(table, columns, binary);
      else
        await tx.copyFrom(
          table,
          columns,
          rowsToCopyCsv(chunkRows(table, chunk), columns.length - 1),
        );
      await tx.query('RELEASE SAVEPOINT sync_bulk');
      return;
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT sync_bulk');
      await tx.query('RELEASE SAVEPOINT sync_bulk');
      if ((error as { code?: unknown }).code !== '23505') throw error;
    }
  }
  const values = chunkRows(table, chunk);
  const rows = JSON.stringify(values);
  if (chunk.mode === 'snapshot') {
    for (const sql of snapshotDeletes[table] ?? []) await tx.query(sql, [rows]);
  }
  if (chunk.mode === 'children' && (table === 'offer_store_tags' || table === 'offer_sync_scope')) {
    await tx.query(childDeletes[table], [chunk.parentIds]);
  }
  if (values.length > 0) await tx.query(upsertQueries[table], [rows]);
}

/** Pending facts the hub has not counted yet are added back on top of the hub's counters. */
const rebase = async (tx: SqlPort, idsOf: (table: string) => string[]): Promise<void> => {
  // Nothing pending (the usual case, and every first pull): the hub's counters are the truth.
  if ((await tx.query('SELECT 1 FROM till_outbox LIMIT 1')).length === 0) return;
  const couponIds = idsOf('coupons');
  const offerIds = idsOf('offers');
  const redemptionIds = idsOf('redemptions');
  if (couponIds.length > 0) {
    await tx.query(
      `UPDATE coupons c SET redemption_count = GREATEST(c.redemption_count + d.delta, 0)
         FROM (SELECT coupon_id, SUM(CASE kind WHEN 'REDEMPTION' THEN 1 WHEN 'REVERSAL' THEN -1 ELSE 0 END) AS delta
                 FROM till_outbox WHERE coupon_id = ANY($1::text[]) GROUP BY coupon_id) d
        WHERE c.id = d.coupon_id AND d.delta <> 0`,
      [couponIds],
    );
  }
  if (offerIds.length > 0) {
    await tx.query(
      `UPDATE offers o SET redeemed_count = GREATEST(o.redeemed_count + d.redeemed, 0),
              issued_count = o.issued_count + d.issued
         FROM (SELECT offer_id,
                      SUM(CASE kind WHEN 'REDEMPTION' THEN 1 WHEN 'REVERSAL' THEN -1 ELSE 0 END) AS redeemed,
                      SUM(CASE kind WHEN 'ISSUANCE' THEN 1 ELSE 0 END) AS issued
                 FROM till_outbox WHERE offer_id = ANY($1::text[]) GROUP BY offer_id) d
        WHERE o.id = d.offer_id AND (d.redeemed <> 0 OR d.issued <> 0)`,
      [offerIds],
    );
  }
  const customerIds = idsOf('customers');
  if (customerIds.length > 0) {
    // Bills redeemed here but not yet pushed count as the customer's transactions, as they did
    // before the pull replaced the row with the hub's.
    await tx.query(
      `UPDATE customers c SET transaction_count = LEAST(c.transaction_count + d.n, 2147483647)
         FROM (SELECT payload ->> 'customerId' AS customer_id, count(*)::int AS n
                 FROM till_outbox
                WHERE kind = 'REDEMPTION' AND payload ->> 'customerId' = ANY($1::text[])
                GROUP BY 1) d
        WHERE c.id = d.customer_id`,
      [customerIds],
    );
  }
  if (redemptionIds.length > 0) {
    await tx.query(
      `UPDATE redemptions r SET reversed_at = (o.payload ->> 'reversedAt')::timestamptz,
              reversal_id = COALESCE(o.payload ->> 'reversalId', o.client_id),
              reversal_reason = o.payload ->> 'reason'
         FROM till_outbox o
        WHERE o.kind = 'REVERSAL' AND o.payload ->> 'redemptionId' = r.id
          AND r.id = ANY($1::text[]) AND r.reversed_at IS NULL`,
      [redemptionIds],
    );
  }
};

/**
 * Merges the hub's view of this till's leases: new grants appear, a lease the hub closed
 * (returned or expired) stops being used, and the till's own count of spent units is kept
 * (the hub only learns of a spent unit when its fact is pushed).
 */
export async function mergeLeases(tx: SqlPort, leases: readonly Lease[]): Promise<void> {
  for (const l of leases) {
    await tx.query(
      `INSERT INTO till_leases (id, offer_id, granted, used, granted_at, expires_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE')
       ON CONFLICT (id) DO UPDATE SET granted = EXCLUDED.granted, expires_at = EXCLUDED.expires_at,
              used = GREATEST(till_leases.used, EXCLUDED.used)`,
      [l.id, l.offerId, l.granted, l.used, l.grantedAt, l.expiresAt],
    );
  }
  await tx.query(
    `UPDATE till_leases SET status = 'CLOSED' WHERE status = 'ACTIVE' AND id <> ALL($1::text[])`,
    [leases.map((l) => l.id)],
  );
}

/**
 * Applies one pulled page in ONE local transaction: acknowledged facts leave the
 * outbox, rows are upserted parents first, offers the till no longer receives are switched
 * off locally, counters are rebased on the facts still pending, leases merged and the cursor
 * moved. Offers that just became visible get a backfill of their rows older than the cursor.
 * See docs/architecture.md, "Changes down".
 */
export async function applyPage(
  sql: SqlPort,
  page: PullOutput,
  previousCursor: string,
  options: { bulk?: boolean } = {},
): Promise<void> {
  const before = parseCursor(previousCursor);
  await sql.transaction(async (tx) => {
    await tx.query('DELETE FROM till_outbox WHERE seq <= $1', [page.ackedSeq]);
    const chunks = [...page.chunks].sort(
      (a, b) => order.indexOf(a.table as SyncedTable) - order.indexOf(b.table as SyncedTable),
    );
    const offersChunk = chunks.find((c) => c.table === 'offers');
    if (offersChunk && before && before.xid > 0) {
      const ids = idColumn(offersChunk);
      const known = await tx.query<{ id: string }>(
        'SELECT id FROM offers WHERE id = ANY($1::text[]) AND sync_enabled',
        [ids],
      );
      const knownIds = new Set(known.map((r) => r.id));
      for (const id of ids.filter((i) => !knownIds.has(i))) {
        for (const table of ['coupons', 'redemptions']) {
          await tx.query(
            `INSERT INTO till_backfills (offer_id, table_name, max_xid) VALUES ($1, $2, $3)
             ON CONFLICT (offer_id, table_name) DO UPDATE SET max_xid = EXCLUDED.max_xid, after_key = ''`,
            [id, table, before.xid],
          );
        }
      }
    }
    await applyChunks(tx, chunks, options.bulk === true);
    if (page.removedOfferIds.length > 0) {
      await tx.query('UPDATE offers SET sync_enabled = false WHERE id = ANY($1::text[])', [
        page.removedOfferIds,
      ]);
      await tx.query('DELETE FROM till_backfills WHERE offer_id = ANY($1::text[])', [
        page.removedOfferIds,
      ]);
    }
    await rebase(tx, (table) => chunks.filter((c) => c.table === table).flatMap(idColumn));
    await mergeLeases(tx, page.leases);
    await tx.query(
      `UPDATE till_sync_state SET cursor = $1, horizon = $2, acked_seq = GREATEST(acked_seq, $3) WHERE id = 1`,
      [page.cursor, page.horizon, page.ackedSeq],
    );
  });
}

/** Applies a backfill page of one offer and remembers how far it got. */
export async function applyBackfillPage(
  sql: SqlPort,
  offerId: string,
  table: 'coupons' | 'redemptions',
  page: { chunks: TableChunk[]; after: string; more: boolean },
): Promise<void> {
  await sql.transaction(async (tx) => {
    const chunks = [...page.chunks].sort(
      (a, b) => order.indexOf(a.table as SyncedTable) - order.indexOf(b.table as SyncedTable),
    );
    await applyChunks(tx, chunks, false);
    await rebase(tx, (t) => chunks.filter((c) => c.table === t).flatMap(idColumn));
    if (page.more) {
      await tx.query(
        'UPDATE till_backfills SET after_key = $3 WHERE offer_id = $1 AND table_name = $2',
        [offerId, table, page.after],
      );
    } else {
      await tx.query('DELETE FROM till_backfills WHERE offer_id = $1 AND table_name = $2', [
        offerId,
        table,
      ]);
    }
  });
}

/** Parent columns of the chunks a page may carry: [table referenced, column index]. */
const parentColumns: Partial<Record<SyncedTable, ['offers' | 'coupons' | 'customers', number][]>> =
  {
    coupons: [
      ['offers', 1],
      ['customers', 4],
    ],
    redemptions: [
      ['coupons', 1],
      ['offers', 2],
      ['customers', 4],
    ],
  };
const presentSql = {
  offers: 'SELECT id FROM offers WHERE id = ANY($1::text[])',
  coupons: 'SELECT id FROM coupons WHERE id = ANY($1::text[])',
  customers: 'SELECT id FROM customers WHERE id = ANY($1::text[])',
} as const;
/** Counting first: usually every parent is here, and a count is cheaper than 20,000 ids back. */
const presentCountSql = {
  offers: 'SELECT count(*)::int AS n FROM offers WHERE id = ANY($1::text[])',
  coupons: 'SELECT count(*)::int AS n FROM coupons WHERE id = ANY($1::text[])',
  customers: 'SELECT count(*)::int AS n FROM customers WHERE id = ANY($1::text[])',
} as const;

export type ParentTable = 'offers' | 'coupons' | 'customers';

/**
 * Parents the chunks reference that neither they nor the replica hold: the till asks the hub
 * for these by id (sync-rows) before applying the page. Usually none: parents come first in
 * the feed. `carriedBefore` (a first pull) holds the ids earlier pages of the same pull
 * carried, and takes this page's: those are not looked up in the replica again.
 */
export async function missingParents(
  sql: SqlPort,
  chunks: readonly PulledChunk[],
  carriedBefore?: Record<ParentTable, IdFilter>,
): Promise<Record<ParentTable, string[]>> {
  const wanted = {
    offers: new Set<string>(),
    coupons: new Set<string>(),
    customers: new Set<string>(),
  };
  const carried = {
    offers: new Set<string>(),
    coupons: new Set<string>(),
    customers: new Set<string>(),
  };
  for (const c of chunks) {
    const parents = parentColumns[c.table as SyncedTable] ?? [];
    const rows = chunkRows(c.table as SyncedTable, c, [0, ...parents.map(([, i]) => i)]);
    if (c.table === 'offers' || c.table === 'coupons' || c.table === 'customers') {
      for (const r of rows) carried[c.table].add(String(r[0]));
    }
    for (const [parent, column] of parents) {
      for (const r of rows)
        if (typeof r[column] === 'string') wanted[parent].add(r[column] as string);
    }
  }
  const out = { offers: [] as string[], coupons: [] as string[], customers: [] as string[] };
  for (const table of ['offers', 'coupons', 'customers'] as const) {
    const before = carriedBefore?.[table];
    if (before) for (const id of carried[table]) before.add(id);
    const ask = [...wanted[table]].filter(
      (id) => !carried[table].has(id) && !(before?.has(id) ?? false),
    );
    if (ask.length === 0) continue;
    const counted = await sql.query<{ n: number }>(presentCountSql[table], [ask]);
    if (Number(counted[0]?.n) === ask.length) continue;
    const have = new Set(
      (await sql.query<{ id: string }>(presentSql[table], [ask])).map((r) => r.id),
    );
    out[table] = ask.filter((id) => !have.has(id));
  }
  return out;
}
