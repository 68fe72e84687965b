import type { Migration } from '../migration';
import { migration0001 } from './0001-core';
import { migration0002 } from './0002-coupon-services';
import { migration0003 } from './0003-sync';
import { migration0004 } from './0004-notifications';
import { migration0005 } from './0005-offer-list';
import { migration0006 } from './0006-sync-feed-indexes';
import { migration0007 } from './0007-till-deferred-indexes';
import { migration0008 } from './0008-coupon-bulk-shape';
import { migration0009 } from './0009-audit-log-order';
import { migration0010 } from './0010-replica-stamp-when';
import { migration0011 } from './0011-accounts-and-throttle';
import { migration0012 } from './0012-sync-trust';
import { migration0013 } from './0013-issuance-closed';
import { migration0014 } from './0014-offer-audience';
import { migration0015 } from './0015-customer-updates-upload';

/** Every migration, in order. The runner refuses gaps and out-of-order application. */
export const migrations: Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
];
