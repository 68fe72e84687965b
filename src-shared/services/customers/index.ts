// What other services use from customers: import it from here, not from its files.
export {
  changeConflicts,
  type CustomerChange,
  futureRegistrationReason,
  writeChanges,
} from './customer-changes';
export {
  findCustomerByRef,
  findCustomerIdsByIdentifiers,
  findCustomersByIdentifiers,
} from './customer-repo';
export { customerColumns, customerFromRow, type CustomerRow } from './customer-row';
export { identifierLabel, normalizeIdentifier, refEntry, refToString } from './identifiers';
