// What other services use from coupons: import it from here, not from its files.
export {
  commonCodeOf,
  nextRandomizedCodes,
  randomizedSeriesOf,
  uniqueCodeGenerator,
} from './code-allocation';
export { couponsOfCustomer } from './coupon-queries';
export {
  couponColumns,
  couponColumnsPrefixed,
  couponFromPrefixedRow,
  couponFromRow,
  type CouponRow,
} from './coupon-row';
export {
  issuanceReadsHistory,
  loadCustomerIssuances,
  loadIssuedCount,
  loadRestrictedIssuances,
} from './issuance-facts';
export { type CheckVerdict, verifyOfflineCheck, withOfflineChecks } from './offline-check';
