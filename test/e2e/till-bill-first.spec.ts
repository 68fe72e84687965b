import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { issuedCoupon, storeOfRole } from './support/seed';

test('a code checked before the bill waits for it, then is priced in the store currency', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const { store } = await storeOfRole(app.baseURL, app.credentials('cashier'), bo);
  expect(store.currency).toBe('INR');
  const { offer, mobile, coupon } = await issuedCoupon(app.baseURL, bo, {
    name: `E2E bill first ${unique()}`,
    discount: { type: 'FIXED', amount: '50', currency: 'INR' },
  });

  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  const codeField = page.getByLabel('Coupon code');
  // The bill says which money it is in.
  const bill = page.getByLabel(/^Bill amount \(INR, ₹\)$/);
  await expect(codeField).toBeFocused();

  // The code first, no bill yet: a hint and the cursor in the bill, not a red error.
  await page.getByLabel('Value').fill(mobile);
  await codeField.fill(coupon.code);
  await codeField.press('Enter');
  await expect(page.getByTestId('validation-waiting')).toContainText(
    `Code ${coupon.code} is waiting for the bill`,
  );
  await expect(bill).toBeFocused();
  await expect(page.getByTestId('bill-hint')).toContainText(`price code ${coupon.code}`);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, 'the till, a code waiting for its bill');

  // Typing the bill prices the code by itself; the cursor stays where the cashier types.
  await page.keyboard.type('1499');
  const ok = page.getByTestId('validation-ok');
  await expect(ok).toContainText('₹50.00');
  await expect(ok).toContainText('₹1,449.00');
  await expect(bill).toBeFocused();

  // F2 goes to the code and F4 back to the bill; a new bill is priced again.
  await page.keyboard.press('F2');
  await expect(codeField).toBeFocused();
  await page.keyboard.press('F4');
  await expect(bill).toBeFocused();
  await page.keyboard.type('2000');
  await expect(ok).toContainText('₹1,950.00');

  // Enter in the bill checks the code and hands the cursor to Redeem.
  await bill.press('Enter');
  await expect(page.getByRole('button', { name: 'Redeem (F9)' })).toBeFocused();
  await expectAccessible(page, 'the till, a valid code');
  await page.keyboard.press('F9');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('₹2,000.00');
  await expect(receipt).toContainText('−₹50.00');
  await expect(receipt).toContainText('₹1,950.00');
  // The reference is short enough to read out; never the redemption's id.
  const { items } = await callApi(app.baseURL, bo, 'redemptions-list', { offerId: offer.id });
  expect(items).toHaveLength(1);
  await expect(receipt).not.toContainText(items[0]?.id ?? 'no id');
  await expectAccessible(page, 'the till receipt');

  // Esc in the reversal dialog closes the dialog only: the receipt stays for the customer.
  await page
    .getByRole('region', { name: 'Recent redemptions at this till' })
    .getByRole('row')
    .filter({ hasText: coupon.code })
    .getByRole('button', { name: 'Reverse…' })
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(receipt).toBeVisible();
});

test('Enter in the bill with no code yet sends the cursor to the code', async ({ page, app }) => {
  await storeOfRole(app.baseURL, app.credentials('cashier'), await app.token('back_office'));
  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  // F4 acts on the sale form, so the cashier presses it once the till is on screen (pressed
  // while "Loading the till…" still shows, it has nothing to move to; CI saw that race).
  const bill = page.getByLabel(/^Bill amount/);
  await expect(bill).toBeVisible();
  await page.keyboard.press('F4');
  await expect(bill).toBeFocused();
  await page.keyboard.type('250');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Coupon code')).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
