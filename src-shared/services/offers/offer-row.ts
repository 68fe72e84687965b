import type { Claim, ConsumerType, Offer, OfferConfig } from '#shared/domain/offer';
import type { SqlRow } from '#shared/sql/port';
import { isoOf, jsonOf, numOf, strOrNull } from '../shared/values';

/**
 * The columns an Offer is read from. Deliberately without series_key: the key never leaves
 * the backend, so no offer read path can carry it by accident (see loadSeriesKey).
 */
export const offerColumns = /* sql */ `o.id, o.offer_code, o.name, o.config, o.fixed_part,
  o.sync_enabled, o.claim_consumer_type, o.claim_consumer_id, o.claim_consumer_name,
  o.claimed_at, o.created_at, o.modified_at, o.version`;

export type OfferRow = SqlRow & {
  id: string;
  offer_code: string;
  name: string;
  config: unknown;
  fixed_part: string | null;
  sync_enabled: boolean;
  claim_consumer_type: string | null;
  claim_consumer_id: string | null;
  claim_consumer_name: string | null;
  claimed_at: unknown;
  created_at: unknown;
  modified_at: unknown;
  version: unknown;
};

export function claimFromRow(row: OfferRow): Claim | null {
  if (row.claim_consumer_type === null || row.claim_consumer_id === null) return null;
  return {
    consumerType: row.claim_consumer_type as ConsumerType,
    consumerId: row.claim_consumer_id,
    consumerName: row.claim_consumer_name ?? '',
    claimedAt: isoOf(row.claimed_at),
  };
}

/**
 * Row → Offer. The jsonb config is the validated OfferConfig; identity, bookkeeping and the
 * fields other operations change on their own (sync flag, claim, code) come from the columns.
 */
export function offerFromRow(row: OfferRow): Offer {
  const config = jsonOf<OfferConfig>(row.config);
  return {
    ...config,
    id: row.id,
    name: row.name,
    offerCode: row.offer_code,
    fixedPart: strOrNull(row.fixed_part),
    syncToInStore: { enabled: row.sync_enabled, scope: config.syncToInStore?.scope ?? [] },
    claim: claimFromRow(row),
    createdAt: isoOf(row.created_at),
    modifiedAt: isoOf(row.modified_at),
    version: numOf(row.version),
  };
}

/** The config part of an offer, as stored in offers.config. */
export function configOf(offer: Offer): OfferConfig {
  const {
    id: _id,
    fixedPart: _fixedPart,
    claim: _claim,
    createdAt: _createdAt,
    modifiedAt: _modifiedAt,
    version: _version,
    ...config
  } = offer;
  return config;
}
