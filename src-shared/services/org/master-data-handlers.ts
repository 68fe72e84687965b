import type { HandlerContext, HandlerGroup } from '../../api/handlers';
import { loadCurrencyRates, putCurrencyRates } from '../rates/index';
import { createOrgEntity, listOrg } from './org-service';
import { getOfferDefaults, setOfferDefaults } from './offer-defaults';
import { getOrgSettings } from './org-settings';

type MasterDataOps =
  | 'org-list'
  | 'org-create'
  | 'org-settings-get'
  | 'org-settings-update'
  | 'currency-rates-put'
  | 'currency-rates-list';

const orgSettingsOf = async (sql: HandlerContext['sql']) => ({
  ...(await getOrgSettings(sql)),
  ...(await getOfferDefaults(sql)),
});

/** Org tree, org settings and exchange rates. */
export const masterDataHandlers: HandlerGroup<MasterDataOps> = {
  'org-list': (_input, ctx) => listOrg(ctx.sql),
  'org-create': (input, ctx) => createOrgEntity(input, ctx),
  'org-settings-get': (_input, ctx) => orgSettingsOf(ctx.sql),
  'org-settings-update': async (input, ctx) => {
    await setOfferDefaults(input, ctx);
    return orgSettingsOf(ctx.sql);
  },
  'currency-rates-put': (input, ctx) => putCurrencyRates(input, ctx),
  'currency-rates-list': async (_input, ctx) => ({ rates: await loadCurrencyRates(ctx.sql) }),
};
