import type { HandlerGroup } from '../../api/handlers';
import { loadCurrencyRates, putCurrencyRates } from '../rates/rates-service';
import { createOrgEntity, listOrg } from './org-service';
import { getOrgSettings } from './org-settings';

type MasterDataOps =
  'org-list' | 'org-create' | 'org-settings-get' | 'currency-rates-put' | 'currency-rates-list';

/** Org tree, org settings and exchange rates. */
export const masterDataHandlers: HandlerGroup<MasterDataOps> = {
  'org-list': (_input, ctx) => listOrg(ctx.sql),
  'org-create': (input, ctx) => createOrgEntity(input, ctx),
  'org-settings-get': (_input, ctx) => getOrgSettings(ctx.sql),
  'currency-rates-put': (input, ctx) => putCurrencyRates(input, ctx),
  'currency-rates-list': async (_input, ctx) => ({ rates: await loadCurrencyRates(ctx.sql) }),
};
