// What hosts and other services use from redemptions: the handlers, the journal replay at
// start-up, the ledger's reversal and provisional coupons.
export { redemptionsHandlers } from './handlers';
export {
  applyJournaledRedemption,
  isLedgerJournalRecord,
  type LedgerJournalRecord,
  type RedemptionJournalRecord,
  type ReversalJournalRecord,
} from './journal';
export { applyReversal, type ReversalRecord } from './ledger';
export { isProvisionalCouponId } from './offline-verified';
