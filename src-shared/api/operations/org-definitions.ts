import { z } from 'zod';
import { defineOperation } from '../define';
import {
  metadataField,
  metadataFieldInput,
  pointOfContact,
  pointOfContactInput,
} from '#shared/domain/org-definitions';

const fieldsOutput = z.object({ fields: z.array(metadataField) });
const contactsOutput = z.object({ contacts: z.array(pointOfContact) });

/** Definitions made once for the org and used by every offer (seed: incentive settings). */
export const orgDefinitionsOperations = {
  'org-metadata-fields-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/org/metadata-fields',
    input: z.object({}),
    output: fieldsOutput,
    roles: ['store_manager', 'back_office', 'admin'],
    summary: 'The custom metadata fields every offer fills in: name, type, required',
  }),
  'org-metadata-fields-set': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'PUT',
    path: '/org/metadata-fields',
    input: z.object({ fields: z.array(metadataFieldInput).max(50) }),
    output: fieldsOutput,
    roles: ['admin'],
    summary:
      'Replace the custom metadata fields (a field keeps its key across renames; a new one gets a key from its name)',
  }),
  'org-contacts-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/org/contacts',
    input: z.object({}),
    output: contactsOutput,
    roles: ['store_manager', 'back_office', 'admin'],
    summary:
      'The org’s points of contact, picked in offers for issual-limit alerts and offer-expiry reminders',
  }),
  'org-contacts-set': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'PUT',
    path: '/org/contacts',
    input: z.object({ contacts: z.array(pointOfContactInput).max(200) }),
    output: contactsOutput,
    roles: ['admin'],
    summary:
      'Replace the points of contact; one picked by an offer that has not ended cannot be removed',
  }),
};
