import type { Migration } from '../migration';
import { migration0001 } from './0001-core';

/** Every migration, in order. The runner refuses gaps and out-of-order application. */
export const migrations: Migration[] = [migration0001];
