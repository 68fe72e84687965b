import type { HandlerContext, HandlerGroup } from '#shared/api/handlers';
import { loadCurrencyRates, putCurrencyRates } from '../rates/index';
import { createOrgEntity, listOrg } from './org-service';
import { getOfferDefaults, setOfferDefaults } from './offer-defaults';
import { getOrgSettings } from './org-settings';
import { loadMetadataFields, setMetadataFields } from './metadata-fields';
import { loadContacts, setContacts } from './points-of-contact';

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

/** Org metadata fields and points of contact. */
type OrgDefinitionOps =
  'org-metadata-fields-list' | 'org-metadata-fields-set' | 'org-contacts-list' | 'org-contacts-set';

export const orgDefinitionsHandlers: HandlerGroup<OrgDefinitionOps> = {
  'org-metadata-fields-list': async (_input, ctx) => ({
    fields: await loadMetadataFields(ctx.sql),
  }),
  'org-metadata-fields-set': (input, ctx) => setMetadataFields(input, ctx),
  'org-contacts-list': async (_input, ctx) => ({ contacts: await loadContacts(ctx.sql) }),
  'org-contacts-set': (input, ctx) => setContacts(input, ctx),
};
