import { tableColumns, type SyncedTable } from '#shared/sync/tables';

/**
 * The till's statements for applying pulled rows, built once from the code constants (never
 * from page data). A chunk's rows travel as one jsonb parameter, an array of arrays in the
 * shared column order, and are upserted by one INSERT … SELECT over jsonb_array_elements.
 */
export type SqlType =
  'text' | 'jsonb' | 'bytea' | 'boolean' | 'integer' | 'bigint' | 'numeric' | 'timestamptz';

const types: Record<SyncedTable, Record<string, SqlType>> = {
  offers: {
    config: 'jsonb',
    series_key: 'bytea',
    sync_enabled: 'boolean',
    starts_at: 'timestamptz',
    ends_at: 'timestamptz',
    claimed_at: 'timestamptz',
    issued_count: 'integer',
    redeemed_count: 'integer',
    last_issued_at: 'timestamptz',
    last_redeemed_at: 'timestamptz',
    created_at: 'timestamptz',
    modified_at: 'timestamptz',
    version: 'integer',
    randomized_next_index: 'bigint',
    issuance_closed_at: 'timestamptz',
  },
  customers: {
    registered_at: 'timestamptz',
    transaction_count: 'integer',
    created_at: 'timestamptz',
  },
  coupons: {
    code_unique: 'boolean',
    issued_at: 'timestamptz',
    expires_at: 'timestamptz',
    redemption_count: 'integer',
    revoked_at: 'timestamptz',
    is_reversed: 'boolean',
    last_status_change_on: 'timestamptz',
    created_at: 'timestamptz',
  },
  redemptions: {
    bill_amount: 'numeric',
    discount: 'numeric',
    redeemed_at: 'timestamptz',
    device_time: 'timestamptz',
    till_seq: 'bigint',
    reversed_at: 'timestamptz',
    created_at: 'timestamptz',
  },
  offer_store_tags: {},
  offer_sync_scope: {},
  org_entities: { created_at: 'timestamptz' },
  org_settings: { value: 'jsonb' },
  currency_rates: { rate: 'numeric', effective_from: 'timestamptz' },
  users: { store_ids: 'jsonb', created_at: 'timestamptz' },
};

/** Each column's SQL type, in the shared column order (text unless listed above). */
export const columnTypes = (table: SyncedTable): SqlType[] =>
  tableColumns[table].map((c) => types[table][c] ?? 'text');

const keys: Record<SyncedTable, readonly string[]> = {
  offers: ['id'],
  customers: ['id'],
  coupons: ['id'],
  redemptions: ['id'],
  offer_store_tags: ['offer_id', 'entity_type', 'entity_id'],
  offer_sync_scope: ['offer_id', 'entity_type', 'entity_id'],
  org_entities: ['id'],
  org_settings: ['key'],
  currency_rates: ['from_ccy', 'to_ccy', 'effective_from'],
  users: ['id'],
};

const expr = (type: SqlType, i: number): string => {
  switch (type) {
    case 'jsonb':
      return `NULLIF(r -> ${i}, 'null'::jsonb)`;
    case 'bytea':
      return `decode(r ->> ${i}, 'hex')`;
    case 'text':
      return `r ->> ${i}`;
    default:
      return `(r ->> ${i})::${type}`;
  }
};

/** Pulled feed rows keep hub_xid = 0: the till's partial feed indexes then stay empty. */
const feedTableSet = new Set<SyncedTable>(['offers', 'customers', 'coupons', 'redemptions']);

const upsertSql = (table: SyncedTable): string => {
  const feed = feedTableSet.has(table);
  const columns = [...tableColumns[table], ...(feed ? ['hub_xid'] : [])];
  const key = keys[table];
  const values = [
    ...tableColumns[table].map((c, i) => expr(types[table][c] ?? 'text', i)),
    ...(feed ? ['0'] : []),
  ].join(', ');
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  const onConflict =
    updates.length === 0
      ? `ON CONFLICT (${key.join(', ')}) DO NOTHING`
      : `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
  return `INSERT INTO ${table} (${columns.join(', ')})
    SELECT ${values} FROM jsonb_array_elements($1::jsonb) AS r ${onConflict}`;
};

export const upsertQueries = Object.fromEntries(
  (Object.keys(tableColumns) as SyncedTable[]).map((t) => [t, upsertSql(t)]),
) as Record<SyncedTable, string>;

/** Snapshot tables drop the rows the hub no longer has ($1 = the snapshot's rows). */
export const snapshotDeletes: Partial<Record<SyncedTable, readonly string[]>> = {
  org_settings: [
    `DELETE FROM org_settings s WHERE NOT EXISTS
       (SELECT 1 FROM jsonb_array_elements($1::jsonb) r WHERE r ->> 0 = s.key)`,
  ],
  currency_rates: [
    `DELETE FROM currency_rates c WHERE NOT EXISTS
       (SELECT 1 FROM jsonb_array_elements($1::jsonb) r
         WHERE r ->> 0 = c.from_ccy AND r ->> 1 = c.to_ccy AND (r ->> 3)::timestamptz = c.effective_from)`,
  ],
  users: [
    `DELETE FROM sessions s WHERE NOT EXISTS
       (SELECT 1 FROM jsonb_array_elements($1::jsonb) r WHERE r ->> 0 = s.user_id)`,
    `DELETE FROM users u WHERE NOT EXISTS
       (SELECT 1 FROM jsonb_array_elements($1::jsonb) r WHERE r ->> 0 = u.id)`,
  ],
};

/** Child rows are replaced per parent: $1 = the parents' ids. */
export const childDeletes = {
  offer_store_tags: 'DELETE FROM offer_store_tags WHERE offer_id = ANY($1::text[])',
  offer_sync_scope: 'DELETE FROM offer_sync_scope WHERE offer_id = ANY($1::text[])',
} as const;
