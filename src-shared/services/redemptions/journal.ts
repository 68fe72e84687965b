import type { RedemptionRecord } from '#shared/domain/redemption';
import type { SqlPort } from '#shared/sql/port';
import type { TillFact } from '#shared/sync/facts';
import { applyReversal, insertRedemption, type ReversalRecord } from './ledger';
import { restoreProvisionalCoupon } from './offline-verified';

/**
 * What a till appends to its fsync'd journal before COMMIT: PGlite on Node does not
 * fsync, so on start the host replays the journal and re-applies whatever the database lost.
 * Each record carries the whole ledger write and the outbox fact made with it, so replay
 * restores both.
 * See docs/architecture.md, "Storage".
 */
export type RedemptionJournalRecord = {
  type: 'REDEMPTION';
  redemption: RedemptionRecord;
  fact: TillFact | null;
};

export type ReversalJournalRecord = {
  type: 'REVERSAL';
  reversal: ReversalRecord;
  fact: TillFact | null;
};

export type LedgerJournalRecord = RedemptionJournalRecord | ReversalJournalRecord;

export const isLedgerJournalRecord = (value: unknown): value is LedgerJournalRecord => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; redemption?: unknown; reversal?: unknown };
  return (
    (v.type === 'REDEMPTION' && typeof v.redemption === 'object' && v.redemption !== null) ||
    (v.type === 'REVERSAL' && typeof v.reversal === 'object' && v.reversal !== null)
  );
};

/**
 * Re-applies one journaled redemption (or reversal) on start-up, idempotently: a redemption
 * whose id exists, or a reversal already recorded, is skipped, and so is its outbox fact (it
 * was committed with it). Pass the host's recordFact so a lost fact is recorded again.
 * Returns whether anything was applied.
 */
export async function applyJournaledRedemption(
  sql: SqlPort,
  record: LedgerJournalRecord,
  recordFact?: (tx: SqlPort, fact: TillFact) => Promise<void>,
): Promise<boolean> {
  return sql.transaction(async (tx) => {
    if (record.type === 'REDEMPTION') await restoreProvisionalCoupon(tx, record.redemption);
    const { applied } =
      record.type === 'REDEMPTION'
        ? await insertRedemption(tx, record.redemption)
        : await applyReversal(tx, record.reversal);
    if (applied && record.fact && recordFact) await recordFact(tx, record.fact);
    return applied;
  });
}
