import type { Handlers } from '../api/handlers';
import { audienceHandlers } from './audience/handlers';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { claimsHandlers } from './claims/handlers';
import { couponsHandlers } from './coupons/handlers';
import { customersHandlers } from './customers/handlers';
import { offersHandlers } from './offers/handlers';
import { notificationsHandlers } from './notifications/handlers';
import { masterDataHandlers, orgDefinitionsHandlers } from './org/handlers';
import { redemptionStoresHandlers } from './redemption-stores/handlers';
import { redemptionsHandlers } from './redemptions/handlers';
import { revokeHandlers } from './revoke/handlers';
import { seriesHandlers } from './series/handlers';
import { setupHandlers } from './setup/handlers';
import { leaseAdminHandlers, syncHandlers } from './sync/handlers';
import { uploadsHandlers } from './uploads/handlers';

/**
 * Every operation's handler, joined from one group per service. `Handlers` makes a missing
 * operation a compile error, so a new operation cannot ship without its handler.
 */
export function createHandlers(): Handlers {
  return {
    ...authHandlers,
    ...offersHandlers,
    ...claimsHandlers,
    ...seriesHandlers,
    ...couponsHandlers,
    ...uploadsHandlers,
    ...audienceHandlers,
    ...redemptionStoresHandlers,
    ...revokeHandlers,
    ...redemptionsHandlers,
    ...masterDataHandlers,
    ...orgDefinitionsHandlers,
    ...customersHandlers,
    ...syncHandlers,
    ...leaseAdminHandlers,
    ...notificationsHandlers,
    ...auditHandlers,
    ...setupHandlers,
  };
}
