import { callApi, unique } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { createCustomer, storeOfRole } from './support/seed';

/**
 * The back office and the till run on Los Angeles time; the store is in India. Hours of the day
 * typed for an offer are the store's wall clock, and the till judges them on that clock.
 */
test.use({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });

const hourIn = (zone: string): number =>
  Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(),
    ),
  );
const hhmm = (h: number): string => `${String(h).padStart(2, '0')}:00`;

test('redemption hours typed on a machine in another zone hold on the store’s clock', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const { store } = await storeOfRole(app.baseURL, app.credentials('cashier'), bo);
  const storeZone = store.timeZone ?? '';
  expect(storeZone).toBe('Asia/Kolkata');
  // Open now on the store's clock; on Los Angeles' clock (13½ hours behind) it is not.
  const h = hourIn(storeZone);
  const from = hhmm(h);
  const to = h >= 22 ? '23:59' : hhmm(h + 2);
  const name = `E2E store hours ${unique()}`;

  await signIn(page, app, 'back_office');
  await page.getByRole('link', { name: 'Create offer' }).click();
  await page.getByLabel('Offer name').fill(name);
  const year = new Date().getUTCFullYear() + 1;
  await page.getByLabel(/^Expiry date and time/).fill(`${year}-01-31T23:59`);
  await page.getByText('Advanced settings').click();
  await page.getByRole('button', { name: '+ Hours' }).click();
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('to', { exact: true }).fill(to);
  await page.getByRole('button', { name: 'Preview and save' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create offer' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

  // Stored as typed: wall-clock hours, not shifted by the browser's zone.
  const list = await callApi(app.baseURL, bo, 'offers-list', { q: name, limit: 5 });
  const id = list.items[0]?.id ?? '';
  const { offer } = await callApi(app.baseURL, bo, 'offers-get', { id });
  expect(offer.redemption?.hours).toEqual([{ from, to }]);

  const customer = await createCustomer(app.baseURL, bo);
  const mobile = customer.mobile ?? '';
  const { coupon } = await callApi(app.baseURL, bo, 'coupons-issue', {
    id,
    customer: { mobile },
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  await page.getByLabel('Value').fill(mobile);
  await page.getByLabel(/^Bill amount/).fill('900');
  await page.getByLabel('Coupon code').fill(coupon.code);
  await page.getByLabel('Coupon code').press('Enter');
  await expect(page.getByTestId('validation-ok')).toBeVisible();

  // Hours that are now in Los Angeles but not in the store: refused, on the store's clock.
  const laHour = hourIn('America/Los_Angeles');
  await callApi(app.baseURL, bo, 'offers-update', {
    id,
    expectedVersion: offer.version,
    redemption: {
      ...offer.redemption,
      hours: [{ from: hhmm(laHour), to: laHour === 23 ? '23:59' : hhmm(laHour + 1) }],
    },
  });
  await page.getByLabel('Coupon code').press('Enter');
  const refused = page.getByTestId('validation-refused');
  await expect(refused).toContainText('allowed hours');
  const storeClock = new Intl.DateTimeFormat('en-GB', {
    timeZone: storeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date());
  await expect(refused).toContainText(storeClock.slice(0, 3));
});
