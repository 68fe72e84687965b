import { callApi } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';

test('exchange rates: an admin adds a rate and sees which one is in use', async ({ page, app }) => {
  const admin = await app.token('admin');
  await signIn(page, app, 'admin');
  await page.getByRole('link', { name: 'Exchange rates' }).click();
  await expect(page.getByRole('heading', { name: 'Exchange rates', level: 1 })).toBeVisible();
  await page.getByLabel('From currency').fill('sgd');
  await page.getByLabel('To currency').fill('INR');
  await page.getByLabel('How many INR for 1 SGD').fill('61.75');
  await page.getByRole('button', { name: 'Add rate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toContainText(
    '1 SGD = 61.75 INR',
  );
  const row = page.getByRole('row', { name: /1 SGD = 61.75 INR/ });
  await expect(row).toContainText('In use now');
  await expectAccessible(page, 'exchange rates');
  // A rate of a currency to itself is refused with the reason, next to the field.
  await page.getByLabel('From currency').fill('INR');
  await page.getByLabel('How many INR for 1 INR').fill('2');
  await page.getByRole('button', { name: 'Add rate' }).click();
  await expect(page.locator('.banner--error')).toContainText('always 1');
  const listed = await callApi(app.baseURL, admin, 'currency-rates-list', {});
  expect(listed.rates.filter((r) => r.from === 'SGD')).toEqual([
    expect.objectContaining({ to: 'INR', rate: '61.75' }),
  ]);
});
