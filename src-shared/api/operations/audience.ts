import { z } from 'zod';
import { defineOperation } from '../define';
import { customerRef } from '#shared/domain/customer';
import { csvText, idParam } from './common';

/** A till that follows a hub keeps no customer lists: they stay at the hub (not replicated). */
const atHub =
  'An offer’s customer list is kept at the hub: see, change or download it in the back office on the hub';

export const audienceSummary = z.object({
  offerId: z.string(),
  /** Customers on the list. */
  count: z.number(),
  /** Whether the offer issues only to them (the list has no effect otherwise). */
  specificCustomersOnly: z.boolean(),
});

const oneCustomer = z.object({ id: z.string(), customer: customerRef });

/**
 * "Issue to specific customers only": the offer's customer list. A whole list is uploaded as a
 * CSV (uploads-create with kind AUDIENCE: progress and an issues file); these add or remove
 * one customer, count the list and download it.
 */
export const audienceOperations = {
  'audience-get': defineOperation({
    servedBy: 'both',
    atTill: 'refuse',
    tillRefusal: atHub,
    method: 'GET',
    path: '/offers/:id/audience',
    input: idParam,
    output: audienceSummary,
    roles: ['back_office', 'admin'],
    summary: 'How many customers are on the offer’s customer list',
  }),
  'audience-add': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/audience',
    input: oneCustomer,
    output: audienceSummary.extend({
      /** False when the customer was on the list already (nothing changed). */
      changed: z.boolean(),
    }),
    roles: ['back_office', 'admin'],
    summary: 'Add one customer (by any identifier) to the offer’s customer list',
  }),
  'audience-remove': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/audience/remove',
    input: oneCustomer,
    output: audienceSummary.extend({
      /** False when the customer was not on the list (nothing changed). */
      changed: z.boolean(),
    }),
    roles: ['back_office', 'admin'],
    summary:
      'Take one customer off the offer’s customer list (coupons already issued to them stay)',
  }),
  'audience-export': defineOperation({
    servedBy: 'both',
    atTill: 'refuse',
    tillRefusal: atHub,
    method: 'GET',
    path: '/offers/:id/audience.csv',
    input: idParam,
    output: csvText,
    response: 'csv',
    roles: ['back_office', 'admin'],
    summary: 'The offer’s customer list as CSV: identifiers, name and when each was added',
  }),
};
