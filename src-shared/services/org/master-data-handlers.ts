import type { HandlerGroup } from '../../api/handlers';
import { createCustomer, getCustomer } from '../customers/customer-service';
import { loadCurrencyRates, putCurrencyRates } from '../rates/rates-service';
import { createOrgEntity, listOrg } from './org-service';
import { getOrgSettings } from './org-settings';

type MasterDataOps =
  | 'org-list'
  | 'org-create'
  | 'org-settings-get'
  | 'customers-create'
  | 'customers-get'
  | 'currency-rates-put'
  | 'currency-rates-list';

/** Org tree, customers and exchange rates (customers-coupons lives with the coupon services). */
export const masterDataHandlers: HandlerGroup<MasterDataOps> = {
  'org-list': (_input, ctx) => listOrg(ctx.sql),
  'org-create': (input, ctx) => createOrgEntity(input, ctx),
  'org-settings-get': (_input, ctx) => getOrgSettings(ctx.sql),
  'customers-create': (input, ctx) => createCustomer(input, ctx),
  'customers-get': (input, ctx) => getCustomer(ctx.sql, input.ref),
  'currency-rates-put': (input, ctx) => putCurrencyRates(input, ctx),
  'currency-rates-list': async (_input, ctx) => ({ rates: await loadCurrencyRates(ctx.sql) }),
};
