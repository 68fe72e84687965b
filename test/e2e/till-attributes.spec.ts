import { callApi, unique } from './support/api';
import { expect, signIn, test } from './support/fixtures';
import { createCustomer, createOffer } from './support/seed';

test('a basket line carries product attributes, so an attribute-scoped offer prices only that line', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo, {
    name: `E2E red tees ${unique()}`,
    discount: { type: 'PERCENT', percent: '10' },
    applicability: { scope: 'SELECTED', attributes: [{ name: 'colour', value: 'red' }] },
  });
  const customer = await createCustomer(app.baseURL, bo);
  const issued = await callApi(app.baseURL, bo, 'coupons-issue', {
    id: offer.id,
    customer: { mobile: customer.mobile ?? '' },
  });

  await signIn(page, app, 'cashier');
  await page.getByRole('button', { name: 'Use this till' }).click();
  await page.getByLabel('Value').fill(customer.mobile ?? '');
  await page.getByLabel('Value').press('Enter');
  await page.getByLabel('Bill amount').fill('300');
  await page.getByRole('button', { name: '+ Add line' }).click();
  await page.getByLabel('Line 1 SKU').fill('TEE-RED');
  await page.getByLabel('Line 1 attributes').fill('Colour: Red, size');
  await expect(page.getByRole('alert').filter({ hasText: 'Line 1 attributes' })).toContainText(
    '"size" needs a name and a value, like colour=red',
  );
  await page.getByLabel('Line 1 attributes').fill('Colour: Red, size=M');
  await page.getByLabel(/^Line 1 price/).fill('100');
  await page.getByRole('button', { name: '+ Add line' }).click();
  await page.getByLabel('Line 2 SKU').fill('TEE-BLUE');
  await page.getByLabel('Line 2 attributes').fill('colour=blue');
  await page.getByLabel(/^Line 2 price/).fill('200');

  const codeField = page.getByLabel('Coupon code');
  await codeField.fill(issued.coupon.code);
  await codeField.press('Enter');
  const ok = page.getByTestId('validation-ok');
  // 10% of the red line only (100), not of the 300 bill.
  await expect(ok).toContainText('10.00');
  await expect(ok).toContainText('290');
});
