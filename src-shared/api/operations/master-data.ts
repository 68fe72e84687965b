import { z } from 'zod';
import { defineOperation } from '../define';
import { currencyRate, orgEntityInput } from '#shared/domain/org';

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

export const masterDataOperations = {
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
