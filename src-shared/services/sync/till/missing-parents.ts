import type { SqlPort } from '#shared/sql/port';
import type { SyncedTable } from '#shared/sync/tables';
import { chunkRows, type PulledChunk } from './copy-chunk';
import type { IdFilter } from './id-filter';

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
