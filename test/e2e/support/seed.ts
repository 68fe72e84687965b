import { randomInt } from 'node:crypto';
import type { OpInput } from '../../../src-shared/api/operations';
import { callApi, unique } from './api';

/** A mobile number no other test uses. */
export const freshMobile = (): string => `9${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;

/** The store the till setup screen offers first (the first store the org lists) and its till. */
export const firstStore = async (baseURL: string, token: string) => {
  const { items } = await callApi(baseURL, token, 'org-list', {});
  const store = items.find((e) => e.type === 'STORE');
  if (!store) throw new Error('the demo data has no store');
  const till = items.find((e) => e.type === 'TILL' && e.parentId === store.id);
  if (!till) throw new Error(`store ${store.id} has no till`);
  return { store, till };
};

export const createOffer = async (
  baseURL: string,
  token: string,
  overrides: Partial<OpInput<'offers-create'>> = {},
) =>
  callApi(baseURL, token, 'offers-create', {
    name: `E2E offer ${unique()}`,
    expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    discount: { type: 'FIXED', amount: '50', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
    ...overrides,
  });

export const createCustomer = async (baseURL: string, token: string, mobile = freshMobile()) =>
  callApi(baseURL, token, 'customers-create', {
    mobile,
    name: `E2E ${mobile}`,
    registeredAt: new Date(Date.now() - 86_400_000).toISOString(),
  });
