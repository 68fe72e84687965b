import { callApi } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createCustomer, createOffer, freshMobile } from './support/seed';

test('revoke the coupons of customers listed in a CSV', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo);
  const keep = await createCustomer(app.baseURL, bo);
  const drop = await createCustomer(app.baseURL, bo);
  for (const c of [keep, drop]) {
    await callApi(app.baseURL, bo, 'coupons-issue', {
      id: offer.id,
      customer: { mobile: c.mobile ?? '' },
    });
  }

  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/offers/${offer.id}/revoke`);
  await page.getByLabel('For specific customers').check();
  await page.getByLabel('Customers CSV').setInputFiles({
    name: 'revoke.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`mobile\n${drop.mobile}\n${freshMobile()}\n`),
  });
  // The count comes before the confirmation: one of the two rows names a customer with a coupon.
  await expect(page.getByTestId('revoke-preview')).toContainText('This will revoke 1 coupon.');
  await expect(page.getByTestId('revoke-preview')).toContainText('1 row of the CSV');
  const revoke = page.getByRole('button', { name: 'Revoke 1 coupon' });
  await expect(revoke).toBeDisabled();
  await expectAccessible(page, 'revoke');
  await page.getByLabel('I understand that revoking coupons will make them unredeemable').check();
  await revoke.click();

  const result = page.getByTestId('revoke-result');
  await expect(result.getByRole('heading', { level: 2 })).toHaveText('1 coupon revoked');
  await expect(result.getByRole('table')).toContainText('3');

  // Member care shows the revoked coupon for one customer and the active one for the other.
  await page.getByRole('link', { name: 'Member care' }).click();
  await page.getByLabel('Customer', { exact: true }).fill(drop.mobile ?? '');
  await page.getByRole('button', { name: 'Find coupons' }).click();
  await expect(page.getByRole('cell', { name: 'Revoked' })).toBeVisible();
  await expectAccessible(page, 'member care');
  await page.getByLabel('Customer', { exact: true }).fill(keep.mobile ?? '');
  await page.getByRole('button', { name: 'Find coupons' }).click();
  await expect(page.getByRole('cell', { name: 'Active', exact: true })).toBeVisible();
});
