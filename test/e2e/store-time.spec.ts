import { callApi } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { createCustomer, createOffer, redeemAt, storeOfRole } from './support/seed';

/** No demo or e2e store is on this coast: any time shown here in the browser zone is wrong. */
const browserZone = 'America/Los_Angeles';
test.use({ timezoneId: browserZone, locale: 'en-US' });

/** "3:05" — hour and minute of an instant as the wall clock of zone reads it. */
const clock = (iso: string, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}`;
};

test('a redemption time shows in the store zone, not the browser zone', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const { store, till } = await storeOfRole(app.baseURL, app.credentials('cashier'), bo);
  const storeZone = store.timeZone ?? '';
  expect(storeZone, `store ${store.id} has a zone unlike the browser's`).not.toBe('');
  expect(storeZone).not.toBe(browserZone);

  const offer = await createOffer(app.baseURL, bo, {
    discount: { type: 'FIXED', amount: '5', currency: store.currency ?? 'INR' },
  });
  const customer = await createCustomer(app.baseURL, bo);
  const mobile = customer.mobile ?? '';
  const issued = await callApi(app.baseURL, bo, 'coupons-issue', {
    id: offer.id,
    customer: { mobile },
  });
  const place = { storeId: store.id, tillId: till.id };
  const cashier = await app.token('cashier');
  const { redemption } = await redeemAt(
    app.baseURL,
    cashier,
    place,
    issued.coupon.code,
    mobile,
    '100',
  );

  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  const recent = page.getByRole('region', { name: 'Recent redemptions at this till' });
  const when = recent
    .getByRole('row')
    .filter({ hasText: issued.coupon.code })
    .locator(`time[datetime="${redemption.redeemedAt}"]`);
  await expect(when).toHaveAttribute('data-zone', storeZone);
  const storeClock = clock(redemption.redeemedAt, storeZone);
  const browserClock = clock(redemption.redeemedAt, browserZone);
  expect(storeClock).not.toBe(browserClock);
  await expect(when).toContainText(storeClock);
  await expect(when).not.toContainText(browserClock);
  // Every time names its zone, by the name people use there (IST, GST), not GMT+5:30.
  const zoneName =
    new Intl.DateTimeFormat('en-IN', { timeZone: storeZone, timeZoneName: 'short' })
      .formatToParts(new Date(redemption.redeemedAt))
      .find((p) => p.type === 'timeZoneName')?.value ?? storeZone;
  await expect(when).toContainText(zoneName);
});
