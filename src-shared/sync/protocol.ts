import { z } from 'zod';
import { pushedFact } from './facts';
import { classifications } from './classification';

/** The wire format of the sync endpoints (docs/sync.md describes the protocol). */

export const classification = z.enum(classifications);

// ── identity ────────────────────────────────────────────────────────────────────────────
export const registerInput = z.object({
  /** Required with an admin sign-in; with an enrolment code the code names the till. */
  tillId: z.string().min(1).max(64).optional(),
  /** Needed when the till is not yet in the org tree (it is then created under this store). */
  storeId: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(200).optional(),
  /** A one-time code from `counterfoil hub --demo` or sync-enrolments-create; or sign in as admin. */
  enrolmentCode: z.string().min(6).max(64).optional(),
});
export const registerOutput = z.object({
  deviceId: z.string(),
  tillId: z.string(),
  storeId: z.string(),
  /** The device credential: shown once; the hub keeps only its hash. */
  token: z.string(),
});

export const enrolmentInput = z.object({
  tillId: z.string().min(1).max(64),
  storeId: z.string().min(1).max(64),
  ttlHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});
export const enrolmentOutput = z.object({
  code: z.string(),
  tillId: z.string(),
  storeId: z.string(),
  expiresAt: z.string(),
});

// ── facts up ────────────────────────────────────────────────────────────────────────────
export const pushInput = z.object({ facts: z.array(pushedFact).max(1000) });
/**
 * applied = written now; already_applied = the hub had it (replay, or same client id);
 * rejected = outside what this device may do (another store's data, an offer it cannot see);
 * invalid = malformed, or naming what the hub does not have. Rejected and invalid facts are
 * acknowledged too (the till must not resend them forever) but are never silent: the hub keeps
 * them with their reason, counts them in sync health, lists them for back office, and a refused
 * redemption opens a reconciliation item.
 */
export const factOutcomes = ['applied', 'already_applied', 'rejected', 'invalid'] as const;
export const factReason = z.object({ code: z.string(), message: z.string() });
export const factResult = z.object({
  tillSeq: z.number().int(),
  clientId: z.string(),
  outcome: z.enum(factOutcomes),
  /** Why a fact was rejected or invalid; null otherwise. */
  reason: factReason.nullable(),
  classification: classification.nullable(),
  reconciliationId: z.string().nullable(),
  /** Device time more than five minutes ahead of the hub: flagged, never fatal. */
  clockDrift: z.boolean(),
});
export type FactResult = z.infer<typeof factResult>;
export const pushOutput = z.object({
  /** Every fact up to here is in the hub's ledger: the till may drop them from its outbox. */
  ackedSeq: z.number().int(),
  /** Set when the batch did not continue from ackedSeq: send again from this tillSeq. */
  resendFrom: z.number().int().nullable(),
  results: z.array(factResult),
});

// ── changes down ────────────────────────────────────────────────────────────────────────
export const tableChunk = z.object({
  table: z.string(),
  /** upsert by key; children = replace the rows of `parentIds`; snapshot = replace the table. */
  mode: z.enum(['upsert', 'children', 'snapshot']),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  parentIds: z.array(z.string()),
  /**
   * Instead of `rows` (then empty), on a first pull: PostgreSQL's binary COPY output of the
   * rows, `columns` followed by hub_xid (= 0), base64. The hub passes it through undecoded and
   * the till COPYs it in as it came; see docs/sync.md.
   */
  copy: z.string().optional(),
});
export type TableChunk = z.infer<typeof tableChunk>;

export const lease = z.object({
  id: z.string(),
  offerId: z.string(),
  granted: z.number().int(),
  /** Units the hub has seen spent (facts pushed with this lease). */
  used: z.number().int(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['ACTIVE', 'RETURNED', 'EXPIRED']),
});
export type Lease = z.infer<typeof lease>;

export const pullInput = z.object({
  cursor: z.string().max(200).default('0'),
  limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
  /** The till can load binary COPY chunks (`copy`); a hub that cannot make them sends rows. */
  binary: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
});
export const pullOutput = z.object({
  cursor: z.string(),
  /** More rows are ready below the horizon: pull again at once. */
  more: z.boolean(),
  /** The hub's feed horizon: the till's lag is horizon − cursor's position. */
  horizon: z.number(),
  ackedSeq: z.number().int(),
  chunks: z.array(tableChunk),
  /** Offers this till no longer receives (sync switched off or scope changed). */
  removedOfferIds: z.array(z.string()),
  leases: z.array(lease),
});
export type PullOutput = z.infer<typeof pullOutput>;

/** Rows of an offer older than the till's cursor, for an offer that just became visible. */
export const backfillInput = z.object({
  offerId: z.string().min(1),
  /** Only rows written at or before this transaction (newer ones come by the feed). */
  maxXid: z.coerce.number().int().min(0),
  table: z.enum(['coupons', 'redemptions']).default('coupons'),
  after: z.string().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
});
export const backfillOutput = z.object({
  chunks: z.array(tableChunk),
  after: z.string(),
  more: z.boolean(),
});

/** Rows by id that a till found missing (a parent its page referenced); visible ones only. */
export const rowsInput = z.object({
  table: z.enum(['offers', 'customers', 'coupons']),
  ids: z.array(z.string().min(1).max(64)).max(20_000),
});
export const rowsOutput = z.object({ chunks: z.array(tableChunk) });

// ── leases ──────────────────────────────────────────────────────────────────────────────
export const leasesInput = z.object({
  requests: z
    .array(z.object({ offerId: z.string().min(1), want: z.number().int().min(1).max(100_000) }))
    .max(500)
    .default([]),
  /** Leases the till gives back (expired or no longer needed); their facts are all pushed. */
  returns: z
    .array(z.object({ leaseId: z.string().min(1) }))
    .max(500)
    .default([]),
});
export const leasesOutput = z.object({
  /** Every active lease of this till, after the grants and returns. */
  leases: z.array(lease),
  refused: z.array(z.object({ offerId: z.string(), reason: z.string() })),
});

// ── health ──────────────────────────────────────────────────────────────────────────────
export const leaseHealth = z.object({
  offerId: z.string(),
  offerName: z.string(),
  granted: z.number().int(),
  remaining: z.number().int(),
  expiresAt: z.string().nullable(),
});
export const tillHealth = z.object({
  tillId: z.string(),
  storeId: z.string(),
  ackedSeq: z.number().int(),
  lastSeenAt: z.string().nullable(),
  lag: z.number().nullable(),
  openItems: z.number().int(),
  /** Facts of this till the hub rejected or found invalid (listed by sync-facts-refused). */
  refusedFacts: z.number().int(),
  /** The till's device credential was revoked (a stolen or retired till). */
  revoked: z.boolean(),
});
export const healthOutput = z.object({
  host: z.enum(['till', 'hub']),
  /** Till: the hub answered the last attempt. Hub: always true. */
  online: z.boolean(),
  hubUrl: z.string().nullable(),
  tillId: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  pendingFacts: z.number().int(),
  pendingCommands: z.number().int(),
  /** Facts the hub rejected or found invalid: at a till, its own; at the hub, every till's. */
  refusedFacts: z.number().int(),
  ackedSeq: z.number().int(),
  /** Hub version (feed horizon) minus the till's cursor position, in hub transactions. */
  lag: z.number().nullable(),
  hubVersion: z.number().nullable(),
  cursor: z.string().nullable(),
  leases: z.array(leaseHealth),
  /** Hub only: every registered till. */
  tills: z.array(tillHealth),
});
export type SyncHealth = z.infer<typeof healthOutput>;
