import { callApi, unique } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { createCustomer, createOffer, firstStore, storeOfRole } from './support/seed';

test('redeem at the till by keyboard, read why a code is refused, then reverse', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const { store } = await storeOfRole(app.baseURL, app.credentials('cashier'), bo);
  const currency = store.currency ?? 'INR';
  const offer = await createOffer(app.baseURL, bo, {
    name: `E2E till ${unique()}`,
    discount: { type: 'FIXED', amount: '50', currency },
    redemption: { minBill: '500' },
  });
  const customer = await createCustomer(app.baseURL, bo);
  const issued = await callApi(app.baseURL, bo, 'coupons-issue', {
    id: offer.id,
    customer: { mobile: customer.mobile ?? '' },
  });
  const code = issued.coupon.code;

  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  const codeField = page.getByLabel('Coupon code');
  await expect(codeField).toBeFocused();

  // An unknown code: every reason, in words.
  await page.getByLabel('Bill amount').fill('100');
  await codeField.focus();
  await page.keyboard.type(`nope${unique()}`);
  await page.keyboard.press('Enter');
  const refused = page.getByTestId('validation-refused');
  await expect(refused).toBeVisible();
  await expect(refused.getByRole('listitem').first()).not.toHaveText('');

  // The real code for the right customer, but the bill is under the offer's minimum.
  await page.getByLabel('Value').fill(customer.mobile ?? '');
  await page.getByLabel('Value').press('Enter');
  await expect(page.getByText(`E2E ${customer.mobile}`)).toBeVisible();
  await codeField.fill(code.toLowerCase());
  await expect(codeField).toHaveValue(code);
  await codeField.press('Enter');
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('500');

  // Enough on the bill: the discount shows and F9 redeems.
  await page.getByLabel('Bill amount').fill('600');
  await codeField.press('Enter');
  const ok = page.getByTestId('validation-ok');
  await expect(ok).toContainText(`50`);
  await expect(ok).toContainText('550');
  await expect(page.getByRole('button', { name: 'Redeem (F9)' })).toBeFocused();
  await page.keyboard.press('F9');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText(code);
  await expect(receipt).toContainText('550');

  // The redemption is listed and can be reversed.
  const recent = page.getByRole('region', { name: 'Recent redemptions at this till' });
  const row = recent.getByRole('row').filter({ hasText: code });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Reverse…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Wrong customer' }).check();
  await dialog.getByRole('button', { name: 'Reverse redemption (Enter)' }).click();
  await expect(row).toContainText('Reversed');

  // Esc starts the next sale with the cursor back in the code field.
  await page.keyboard.press('Escape');
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveValue('');
});

test('the open basket survives a reload', async ({ page, app }) => {
  await firstStore(app.baseURL, await app.token('back_office'));
  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  await page.getByLabel('Coupon code').fill('KEEPME123');
  await page.getByLabel('Bill amount').fill('321.50');
  await page.waitForTimeout(300);
  await page.reload();
  await expect(page.getByLabel('Coupon code')).toHaveValue('KEEPME123');
  await expect(page.getByLabel('Bill amount')).toHaveValue('321.50');
});

test('a redeem whose answer is lost is retried after a restart and never counted twice', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const { store } = await storeOfRole(app.baseURL, app.credentials('cashier'), bo);
  const offer = await createOffer(app.baseURL, bo, {
    discount: { type: 'FIXED', amount: '20', currency: store.currency ?? 'INR' },
  });
  const customer = await createCustomer(app.baseURL, bo);
  const { coupon } = await callApi(app.baseURL, bo, 'coupons-issue', {
    id: offer.id,
    customer: { mobile: customer.mobile ?? '' },
  });

  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  await page.getByLabel('Value').fill(customer.mobile ?? '');
  await page.getByLabel('Bill amount').fill('300');
  await page.getByLabel('Coupon code').fill(coupon.code);
  await page.getByLabel('Coupon code').press('Enter');
  await expect(page.getByTestId('validation-ok')).toBeVisible();

  // The backend records the redemption, but its answer never reaches the till.
  let lost = false;
  await page.route(
    (url) => url.pathname === '/api/v1/redemptions',
    async (route) => {
      if (route.request().method() !== 'POST' || lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    },
  );
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot reach' })).toBeVisible();
  await expect(page.getByText('did not get an answer')).toBeVisible();

  // The till restarts: the sale comes back with the same idempotency key.
  await page.reload();
  await expect(page.getByText('The till stopped while a redemption was being sent')).toBeVisible();
  await expect(page.getByLabel('Coupon code')).toHaveValue(coupon.code);
  await page.getByRole('button', { name: 'Redeem (F9)' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('already been recorded');
  await expect(receipt).toContainText(coupon.code);

  const { items } = await callApi(app.baseURL, bo, 'redemptions-list', { offerId: offer.id });
  expect(items.filter((r) => r.code === coupon.code)).toHaveLength(1);
});
