import type { HandlerGroup } from '../../api/handlers';
import { loadMetadataFields, setMetadataFields } from './metadata-fields';
import { loadContacts, setContacts } from './points-of-contact';

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
