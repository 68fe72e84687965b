// What other services use from org: import it from here, not from its files.
export { loadMetadataFields } from './metadata-fields';
export { checkOrgRefs } from './org-refs';
export { getOrgSettings } from './org-settings';
export { loadContacts } from './points-of-contact';
export { resolveStoreContext } from './store-context';
