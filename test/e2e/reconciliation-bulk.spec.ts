import { randomUUID } from 'node:crypto';
import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signInAt, test } from './support/hub';
import { createCustomer, createOffer } from './support/seed';

const outageSize = 6;

/**
 * After an outage: six single-use codes were redeemed online at one till and offline at a
 * pop-up till. Back office finds them by offer, sees each pair side by side with till and store
 * names, and resolves all six with one decision and one reason.
 */
test('an outage worth of duplicate codes resolved together', async ({ page, hub }) => {
  const bo = await hub.token('back_office');
  const offer = await createOffer(hub.url, bo, {
    name: `Outage ${unique()}`,
    discount: { type: 'FIXED', amount: '150', currency: 'INR' },
    redemption: { allowAnyone: true, codeLimit: 1 },
    syncToInStore: { enabled: true, scope: [] },
  });
  const redeemedAt = new Date(Date.now() - 3_600_000).toISOString();
  const coupons = [];
  for (let i = 0; i < outageSize; i++) {
    const customer = await createCustomer(hub.url, bo);
    const { coupon } = await callApi(hub.url, bo, 'coupons-issue', {
      id: offer.id,
      customer: { mobile: customer.mobile ?? '' },
    });
    await callApi(hub.url, bo, 'redemptions-redeem', {
      code: coupon.code,
      customer: { mobile: customer.mobile ?? '' },
      billAmount: '1200',
      storeId: 'S-DEL',
      tillId: 'S-DEL-T2',
      clientId: randomUUID(),
    });
    coupons.push({ ...coupon, customerId: customer.id });
  }
  const device = await callApi(hub.url, bo, 'sync-register', {
    tillId: 'S-DEL-T9',
    storeId: 'S-DEL',
    name: 'Pop-up till',
  });
  const pushed = await callApi(hub.url, device.token, 'sync-push', {
    facts: coupons.map((c, i) => {
      const id = randomUUID();
      return {
        tillSeq: i + 1,
        clientId: id,
        kind: 'REDEMPTION' as const,
        deviceTime: redeemedAt,
        leaseId: null,
        payload: {
          id,
          couponId: c.id,
          offerId: offer.id,
          code: c.code,
          customerId: c.customerId,
          storeId: 'S-DEL',
          tillId: 'S-DEL-T9',
          billAmount: '1200',
          currency: 'INR',
          discount: '150',
          redeemedAt,
        },
      };
    }),
  });
  expect(pushed.results.map((r) => r.classification)).toEqual(coupons.map(() => 'duplicate_code'));

  await signInAt(page, hub.url, hub.credentials('back_office'));
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Reconciliation' })
    .click();
  await page.getByLabel('Offer', { exact: true }).selectOption({ label: offer.name });
  await expect(page.getByRole('status').filter({ hasText: /redemptions waiting/ })).toHaveText(
    `${outageSize} redemptions waiting for a decision`,
  );
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(outageSize);

  // Each pair side by side, by name: the pop-up till offline, till 2 online.
  const first = cards.first();
  const table = first.getByRole('table');
  await expect(table).toContainText('This redemption');
  await expect(table).toContainText('The other redemption');
  await expect(table).toContainText('Urban Threads Connaught Place');
  await expect(table).toContainText('Pop-up till');
  await expect(table).toContainText('Urban Threads Connaught Place till 2');
  await expect(table).toContainText('₹150.00');
  await expect(table).toContainText(/IST/);
  // Nobody decided anything yet.
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
  await expectAccessible(page, 'reconciliation');

  // A day before the outage holds none of them (days on the org calendar).
  await page.getByLabel(/^Redeemed up to/).fill('2020-01-01');
  await expect(cards).toHaveCount(0);
  await page.getByLabel(/^Redeemed up to/).fill('');
  await expect(cards).toHaveCount(outageSize);

  await page.getByLabel(`Select all ${outageSize} open on this page`).check();
  const bulk = page.getByRole('form', { name: 'Resolve the selected redemptions' });
  await bulk.getByRole('button', { name: `Resolve ${outageSize} redemptions` }).click();
  await expect(bulk.getByText('Choose what to do.')).toBeVisible();
  await bulk.getByRole('radio', { name: /Accept and write off/ }).check();
  const reason = `Link down at Connaught Place (${unique()})`;
  await bulk.getByLabel(/^Reason/).fill(reason);
  await expectAccessible(page, 'reconciliation with the bulk decision open');
  await bulk.getByRole('button', { name: `Resolve ${outageSize} redemptions` }).click();
  await expect(page.getByText(`${outageSize} redemptions resolved.`)).toBeVisible();

  const open = await callApi(hub.url, bo, 'reconciliation-list', {
    offerId: offer.id,
    status: 'OPEN',
  });
  expect(open.total).toBe(0);
  const done = await callApi(hub.url, bo, 'reconciliation-list', {
    offerId: offer.id,
    status: 'RESOLVED',
  });
  expect(done.items.map((i) => [i.resolution, i.resolutionReason])).toEqual(
    coupons.map(() => ['ACCEPT_WRITE_OFF', reason]),
  );
});
