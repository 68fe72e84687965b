// What other services use from offers: import it from here, not from its files.
export {
  closeIssuance,
  closesIssuance,
  issuanceClosedReason,
  loadIssuanceClosure,
} from './issuance-closure';
export {
  loadOffer,
  loadOfferByFixedPart,
  loadSeriesKey,
  offerColumns,
  offerFromRow,
  type OfferRow,
  requireOffer,
} from './offer-repo';
export { summaryColumns, summaryFromRow, type SummaryRow } from './offer-summary';
export { updateOffer } from './offer-update';
export { newSeriesKeyHex, toHex } from './series-secrets';
