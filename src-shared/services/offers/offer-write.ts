import type { OfferConfig } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';

/**
 * Rewrites the offer's direct tags from its config: redemption stores (offer_store_tags, what
 * the series look-up and a till's store check read) and the in-store sync scope.
 */
export async function rewriteOfferTags(
  sql: SqlPort,
  offerId: string,
  config: Pick<OfferConfig, 'redemption' | 'syncToInStore'>,
): Promise<void> {
  await sql.query('DELETE FROM offer_store_tags WHERE offer_id = $1', [offerId]);
  await sql.query('DELETE FROM offer_sync_scope WHERE offer_id = $1', [offerId]);
  const stores = config.redemption.stores;
  if (stores.length > 0) {
    await sql.query(
      `INSERT INTO offer_store_tags (offer_id, entity_type, entity_id)
       SELECT DISTINCT $1::text, t.type, t.id
         FROM unnest($2::text[], $3::text[]) AS t(type, id)`,
      [offerId, stores.map((s) => s.type), stores.map((s) => s.id)],
    );
  }
  await writeSyncScope(sql, offerId, config.syncToInStore.scope);
}

export async function writeSyncScope(
  sql: SqlPort,
  offerId: string,
  scope: OfferConfig['syncToInStore']['scope'],
): Promise<void> {
  if (scope.length === 0) return;
  await sql.query(
    `INSERT INTO offer_sync_scope (offer_id, entity_type, entity_id)
     SELECT DISTINCT $1::text, t.type, t.id FROM unnest($2::text[], $3::text[]) AS t(type, id)`,
    [offerId, scope.map((s) => s.type), scope.map((s) => s.id)],
  );
}

export type NewOfferRow = {
  id: string;
  offerCode: string;
  config: OfferConfig;
  fixedPart: string | null;
  seriesKeyHex: string | null;
  at: string;
};

export async function insertOfferRow(sql: SqlPort, row: NewOfferRow): Promise<void> {
  const c = row.config;
  await sql.query(
    `INSERT INTO offers (id, offer_code, name, config, code_method, expiry_type, starts_at,
                         ends_at, fixed_part, series_key, sync_enabled, created_at, modified_at,
                         version)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, decode($10, 'hex'), $11, $7, $7, 1)`,
    [
      row.id,
      row.offerCode,
      c.name,
      JSON.stringify(c),
      c.codeGeneration.method,
      c.expiry.type,
      row.at,
      c.expiry.endsAt,
      row.fixedPart,
      row.seriesKeyHex,
      c.syncToInStore.enabled,
    ],
  );
}

/** Writes an edited config; the caller has checked the version and holds the row lock. */
export async function updateOfferRow(
  sql: SqlPort,
  id: string,
  offerCode: string,
  config: OfferConfig,
  at: string,
): Promise<void> {
  await sql.query(
    `UPDATE offers SET offer_code = $2, name = $3, config = $4::jsonb, ends_at = $5,
                       sync_enabled = $6, modified_at = $7, version = version + 1
      WHERE id = $1`,
    [
      id,
      offerCode,
      config.name,
      JSON.stringify(config),
      config.expiry.endsAt,
      config.syncToInStore.enabled,
      at,
    ],
  );
}
