import { z } from 'zod';
import { defineOperation } from '../define';
import { customer, customerInput, customerPatch } from '#shared/domain/customer';
import { csvText } from './common';
import { issuedCoupon } from './coupons';
import { upload } from './uploads';

export const customersOperations = {
  'customers-create': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/customers',
    input: customerInput,
    output: customer,
    roles: ['store_manager', 'back_office', 'admin', 'cashier'],
    summary: 'Register a customer with identifiers, registration date and transaction count',
  }),
  'customers-get': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/customers/:ref',
    /** ref: "userId:123", "email:a@b.c", "mobile:+9199…", "externalId:X" or the customer id. */
    input: z.object({ ref: z.string().min(1) }),
    output: customer,
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Look a customer up by any identifier',
  }),
  'customers-coupons': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/customers/:ref/coupons',
    input: z.object({ ref: z.string().min(1) }),
    output: z.object({ items: z.array(issuedCoupon) }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: "A customer's coupons with status and reversal status (member care)",
  }),
  'customers-update': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'PATCH',
    path: '/customers/:ref',
    input: customerPatch.extend({ ref: z.string().min(1) }).strict(),
    output: customer,
    roles: ['store_manager', 'back_office', 'admin'],
    summary:
      'Change a customer: identifiers (null removes one), name, registration date, transaction count, home store',
  }),
  'customers-uploads-create': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/customer-uploads',
    body: 'csv',
    input: csvText.extend({ fileName: z.string().default('customers.csv') }),
    output: upload,
    roles: ['back_office', 'admin'],
    summary:
      'Upload a CSV of customer updates (the first identifier column finds the customer; registeredAt, transactionCount, name or other identifiers change); runs as a job with progress and an issues file',
  }),
  'customers-uploads-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/customer-uploads',
    input: z.object({}),
    output: z.object({ items: z.array(upload) }),
    roles: ['back_office', 'admin'],
    summary:
      'Uploads of customer updates, newest first (progress and issues: uploads-get, uploads-issues)',
  }),
};
