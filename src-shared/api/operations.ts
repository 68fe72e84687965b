import type { z } from 'zod';
import { audienceOperations } from './operations/audience';
import { auditOperations } from './operations/audit';
import { authOperations } from './operations/auth';
import { claimsOperations } from './operations/claims';
import { couponsOperations } from './operations/coupons';
import { customersOperations } from './operations/customers';
import { notificationsOperations } from './operations/notifications';
import { offersOperations } from './operations/offers';
import { orgOperations } from './operations/org';
import { redemptionStoresOperations } from './operations/redemption-stores';
import { redemptionsOperations } from './operations/redemptions';
import { revokeOperations } from './operations/revoke';
import { seriesOperations } from './operations/series';
import { setupOperations } from './operations/setup';
import { syncOperations } from './operations/sync';
import { uploadsOperations } from './operations/uploads';

/** Every operation of the API, joined from one table per domain. */
export const operations = {
  ...authOperations,
  ...offersOperations,
  ...claimsOperations,
  ...couponsOperations,
  ...seriesOperations,
  ...revokeOperations,
  ...uploadsOperations,
  ...audienceOperations,
  ...redemptionStoresOperations,
  ...redemptionsOperations,
  ...orgOperations,
  ...customersOperations,
  ...notificationsOperations,
  ...syncOperations,
  ...auditOperations,
  ...setupOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OpInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OpParsedInput<K extends OperationName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OperationName> = z.input<Operations[K]['output']>;
