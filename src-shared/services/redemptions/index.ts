// What hosts need from redemptions: the handlers, and the journal replay at start-up.
export { redemptionsHandlers } from './handlers';
export {
  applyJournaledRedemption,
  isLedgerJournalRecord,
  type LedgerJournalRecord,
  type RedemptionJournalRecord,
  type ReversalJournalRecord,
} from './journal';
export type { ReversalRecord } from './ledger';
