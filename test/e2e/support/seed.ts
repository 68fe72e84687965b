import { randomInt } from 'node:crypto';
import type { OpInput } from '#shared/api/operations';
import { callApi, unique } from './api';

/** A mobile number no other test uses. */
export const freshMobile = (): string => `9${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;

/**
 * The store the till setup screen offers first (the first store the org lists) and its till.
 * When the app has no org tree yet (the demo may create only users), one is added.
 */
export const firstStore = async (
  baseURL: string,
  token: string,
  storeIds: string[] | null = null,
) => {
  let { items } = await callApi(baseURL, token, 'org-list', {});
  if (!items.some((e) => e.type === 'STORE')) {
    const tree = [
      { id: 'E2E-C', type: 'CONCEPT', name: 'E2E Footwear', parentId: null },
      { id: 'E2E-Z', type: 'ZONE', name: 'E2E North', parentId: 'E2E-C' },
      {
        id: 'E2E-S1',
        type: 'STORE',
        name: 'E2E Connaught Place',
        parentId: 'E2E-Z',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
      },
      { id: 'E2E-T1', type: 'TILL', name: 'E2E Till 1', parentId: 'E2E-S1' },
    ] as const;
    for (const e of tree) await callApi(baseURL, token, 'org-create', e);
    ({ items } = await callApi(baseURL, token, 'org-list', {}));
  }
  const store = items.find((e) => e.type === 'STORE' && (!storeIds || storeIds.includes(e.id)));
  if (!store) throw new Error(`no store among ${storeIds?.join(', ') ?? 'all stores'}`);
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

export const createCustomer = async (
  baseURL: string,
  token: string,
  mobile = freshMobile(),
  email?: string,
) =>
  callApi(baseURL, token, 'customers-create', {
    mobile,
    ...(email ? { email } : {}),
    name: `E2E ${mobile}`,
    registeredAt: new Date(Date.now() - 86_400_000).toISOString(),
  });

/** The store the till setup offers a role first: the first listed store within its scope. */
export const storeOfRole = async (
  baseURL: string,
  credentials: { username: string; password: string },
  adminToken: string,
) => {
  const { user } = await callApi(baseURL, null, 'auth-login', credentials);
  return firstStore(baseURL, adminToken, user.storeIds);
};

/** A fresh customer holding a coupon of a new fixed-discount offer. */
export const issuedCoupon = async (
  baseURL: string,
  token: string,
  overrides: Partial<OpInput<'offers-create'>> = {},
) => {
  const offer = await createOffer(baseURL, token, overrides);
  const customer = await createCustomer(baseURL, token);
  const mobile = customer.mobile ?? '';
  const { coupon } = await callApi(baseURL, token, 'coupons-issue', {
    id: offer.id,
    customer: { mobile },
  });
  return { offer, mobile, coupon };
};

/** A redemption made through the API, as a till of the store would make it. */
export const redeemAt = async (
  baseURL: string,
  token: string,
  place: { storeId: string; tillId: string },
  code: string,
  mobile: string,
  billAmount: string,
) =>
  callApi(baseURL, token, 'redemptions-redeem', {
    code,
    customer: { mobile },
    billAmount,
    ...place,
    clientId: crypto.randomUUID(),
  });
