import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { issuedCoupon, storeOfRole } from './support/seed';

/**
 * axe on the screens no flow test already checks: a cashier's first view of the till and a
 * refused code, an admin's settings, an offer's three tabs, and member care for a customer.
 * Each screen is reached as its user reaches it and checked once its content is there.
 */
test('the till: choosing it, and a code it refuses', async ({ page, app }) => {
  await storeOfRole(app.baseURL, app.credentials('cashier'), await app.token('back_office'));
  await signIn(page, app, 'cashier');
  await expect(page.getByRole('button', { name: 'Use this till' })).toBeVisible();
  await expectAccessible(page, 'choosing the till');
  await page.getByRole('button', { name: 'Use this till' }).click();
  await page.getByLabel(/^Bill amount/).fill('499');
  await page.getByLabel('Coupon code').fill('NOSUCHCODE1');
  await page.getByLabel('Coupon code').press('Enter');
  await expect(page.getByTestId('validation-refused')).toBeVisible();
  await expectAccessible(page, 'the till, a refused code');
});

test('settings and an offer’s tabs, as an admin', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const { offer } = await issuedCoupon(app.baseURL, bo);
  await signIn(page, app, 'admin');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByText('Loading')).toHaveCount(0);
  await expectAccessible(page, 'settings');

  await page.goto(`${app.baseURL}/#/offers/${offer.id}`);
  await expect(page.getByRole('heading', { name: offer.name, level: 1 })).toBeVisible();
  for (const tab of ['Configuration', 'Information', 'Notifications']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading');
    await expectAccessible(page, `the offer’s ${tab} tab`);
  }
});

test('member care for a customer, as a store manager', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const { mobile } = await issuedCoupon(app.baseURL, bo);
  await signIn(page, app, 'store_manager');
  await page.getByRole('link', { name: 'Member care' }).click();
  await expect(page.getByRole('heading', { name: 'Member care', level: 1 })).toBeVisible();
  await expectAccessible(page, 'member care, empty');
  await page.getByLabel('Customer', { exact: true }).fill(mobile);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `E2E ${mobile}` })).toBeVisible();
  await expectAccessible(page, 'member care, a customer');
});
