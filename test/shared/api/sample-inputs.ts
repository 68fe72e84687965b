import type { OperationName, OpInput } from '../../../src-shared/api/operations';

/**
 * One valid input per operation, for tests that walk the whole operation table (IPC and HTTP
 * reachability). Typed per operation, so a sample that stops matching its schema fails to
 * compile; a new operation without a sample fails the "every operation has a sample" test.
 */
export const sampleInputs: { [K in OperationName]?: OpInput<K> } = {
  'auth-login': { username: 'cashier1', password: 'secret-pass' },
  'auth-me': {},
  'users-create': {
    username: 'new.cashier',
    password: 'long-enough',
    role: 'cashier',
    storeIds: ['store-1'],
  },
  'offers-create': {
    name: 'Ten off',
    expiry: { type: 'FIXED_DATE', endsAt: '2030-01-01T00:00:00Z' },
    discount: { type: 'FIXED', amount: '10.00', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
  },
  'offers-list': { q: 'ten', activeOnly: 'true', limit: 5 },
  'offers-get': { id: 'offer-1' },
  'offers-update': { id: 'offer-1', name: 'Eleven off', expectedVersion: 2 },
  'offers-timeline': { id: 'offer-1' },
  'offers-claim': {
    id: 'offer-1',
    consumerType: 'DVS',
    consumerId: 'campaign-7',
    consumerName: 'Bounce back',
  },
  'offers-set-sync': { id: 'offer-1', enabled: true, scope: [{ type: 'STORE', id: 'store-1' }] },
  'coupons-issue': { id: 'offer-1', customer: { email: 'ana@example.com' } },
  'uploads-create': {
    id: 'offer-1',
    csv: 'email\nana@example.com\n',
    kind: 'CUSTOMERS',
    fileName: 'c.csv',
  },
  'uploads-list': { id: 'offer-1' },
  'uploads-get': { id: 'upload-1' },
  'uploads-issues': { id: 'upload-1' },
  'coupons-revoke': { id: 'offer-1', mode: 'CUSTOMERS', customers: [{ userId: '42' }] },
  'coupons-get': { code: 'ABCD1234' },
  'series-list': { orgEntityType: 'STORE', orgEntityIds: ['store-1', 'store-2'] },
  'redemptions-validate': {
    code: 'ABCD1234',
    billAmount: '120.50',
    storeId: 'store-1',
    tillId: 'till-1',
    customer: { mobile: '+919876543210' },
  },
  'redemptions-redeem': {
    code: 'ABCD1234',
    billAmount: '120.50',
    storeId: 'store-1',
    tillId: 'till-1',
    clientId: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000',
  },
  'redemptions-reverse': { id: 'red-1', reason: 'wrong basket' },
  'redemptions-list': { storeId: 'store-1', limit: 10 },
  'org-list': {},
  'org-settings-get': {},
  'org-create': {
    id: 'store-1',
    type: 'STORE',
    name: 'Main street',
    parentId: 'zone-1',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
  },
  'customers-create': { email: 'ana@example.com', name: 'Ana' },
  'customers-get': { ref: 'email:ana@example.com' },
  'customers-coupons': { ref: 'email:ana@example.com' },
  'currency-rates-put': {
    rates: [{ from: 'USD', to: 'INR', rate: '83.10', effectiveFrom: '2025-01-01T00:00:00Z' }],
  },
  'currency-rates-list': {},
  'notifications-list': { id: 'offer-1', status: 'FAILED', limit: 50 },
  'coupons-resend': { id: 'coupon-1' },
  'sync-register': { tillId: 'till-1', storeId: 'store-1', name: 'Till 1' },
  'sync-enrolments-create': { tillId: 'till-1', storeId: 'store-1', ttlHours: 24 },
  'sync-push': {
    facts: [
      {
        tillSeq: 1,
        clientId: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001',
        kind: 'REVERSAL',
        deviceTime: '2025-03-04T05:06:07.000Z',
        leaseId: null,
        payload: { redemptionId: 'red-1', reversedAt: '2025-03-04T05:06:07.000Z' },
      },
    ],
  },
  'sync-pull': { cursor: '42', limit: 100 },
  'sync-backfill': { offerId: 'offer-1', maxXid: 1000 },
  'sync-rows': { table: 'customers', ids: ['cust-1'] },
  'sync-leases': { requests: [{ offerId: 'offer-1', want: 10 }] },
  'sync-commands-apply': {
    commands: [
      {
        id: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0002',
        op: 'coupons-revoke',
        input: { id: 'offer-1', mode: 'UNISSUED' },
        username: 'backoffice',
        createdAt: '2025-03-04T05:06:07.000Z',
      },
    ],
  },
  'sync-commands-list': { status: 'QUEUED' },
  'sync-health': {},
  'sync-now': {},
  'reconciliation-list': { storeId: 'store-1', status: 'OPEN' },
  'reconciliation-resolve': { id: 'rec-1', action: 'ACCEPT_WRITE_OFF', reason: 'small amount' },
  'audit-list': {
    entityType: 'offer',
    actor: 'backoffice',
    from: '2025-03-01T00:00:00Z',
    cursor: '2025-03-10T06:30:00.000Z~42',
    limit: '20',
  },
};
