import { z } from 'zod';
import { defineOperation } from '../define';
import { currencyRate, orgEntityInput } from '#shared/domain/org';
import {
  metadataField,
  metadataFieldInput,
  pointOfContact,
  pointOfContactInput,
} from '#shared/domain/org-definitions';

const orgEntityOut = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  timeZone: z.string().nullable(),
  currency: z.string().nullable(),
});

const orgSettingsOut = z.object({
  timeZone: z.string(),
  currency: z.string(),
  /** Whether a new offer reaches in-store tills unless its author says otherwise. */
  syncToInStoreByDefault: z.boolean(),
});

const masterDataOperations = {
  'org-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/org',
    input: z.object({}),
    output: z.object({ items: z.array(orgEntityOut) }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Concepts, zones, stores (time zone, currency) and tills',
  }),
  'org-settings-get': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/org/settings',
    input: z.object({}),
    output: orgSettingsOut,
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary:
      'The org\u2019s default time zone and currency (for times and days where no store is involved) and what new offers start with',
  }),
  'org-settings-update': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'PATCH',
    path: '/org/settings',
    input: z.object({ syncToInStoreByDefault: z.boolean().optional() }).strict(),
    output: orgSettingsOut,
    roles: ['admin'],
    summary: 'Set what new offers start with: whether they sync to in-store tills',
  }),
  'org-create': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/org',
    input: orgEntityInput,
    output: orgEntityOut,
    roles: ['admin', 'back_office'],
    summary: 'Add a concept, zone, store or till',
  }),
  'currency-rates-put': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'PUT',
    path: '/currency-rates',
    input: z.object({ rates: z.array(currencyRate).min(1) }),
    output: z.object({ count: z.number() }),
    roles: ['admin', 'back_office'],
    summary: 'Add exchange rates (effective from an instant)',
  }),
  'currency-rates-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/currency-rates',
    input: z.object({}),
    output: z.object({ rates: z.array(currencyRate) }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Exchange rates',
  }),
};

const fieldsOutput = z.object({ fields: z.array(metadataField) });
const contactsOutput = z.object({ contacts: z.array(pointOfContact) });

/** Definitions made once for the org and used by every offer (seed: incentive settings). */
const orgDefinitionsOperations = {
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

/** The org: its tree, settings and exchange rates, and the definitions every offer uses. */
export const orgOperations = { ...masterDataOperations, ...orgDefinitionsOperations };
