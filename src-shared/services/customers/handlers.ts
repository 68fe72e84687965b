import type { HandlerGroup } from '#shared/api/handlers';
import { couponsOfCustomer } from '../coupons/index';
import { listCustomerUpdateUploads, queueUpload } from '../uploads/index';
import { createCustomer, getCustomer } from './customer-service';
import { updateCustomer } from './customer-update';

type CustomersOps =
  | 'customers-create'
  | 'customers-get'
  | 'customers-coupons'
  | 'customers-update'
  | 'customers-uploads-create'
  | 'customers-uploads-list';

/** Customers: registration, look-up by any identifier, and the coupons they hold. */
export const customersHandlers: HandlerGroup<CustomersOps> = {
  'customers-create': (input, ctx) => createCustomer(input, ctx),
  'customers-get': (input, ctx) => getCustomer(ctx.sql, input.ref),
  'customers-update': (input, ctx) => updateCustomer(input, ctx),
  'customers-coupons': async (input, ctx) => ({
    items: await couponsOfCustomer(ctx.sql, input.ref, ctx.now().toISOString()),
  }),
  'customers-uploads-create': (input, ctx) =>
    queueUpload(ctx, null, 'CUSTOMER_UPDATES', input.fileName, input.csv),
  'customers-uploads-list': async (_input, ctx) => ({
    items: await listCustomerUpdateUploads(ctx.sql),
  }),
};
