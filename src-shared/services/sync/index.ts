// What other services use from sync: import it from here, not from its files.
export { readSyncState } from './till/state';
