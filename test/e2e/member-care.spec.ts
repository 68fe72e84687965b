import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';

/** Digits unique to this run, for user ids. */
const digits = () => String(Date.now()).slice(-9);

test('member care: register a customer, change their past transactions, change many from a file', async ({
  page,
  app,
}) => {
  const admin = await app.token('admin');
  const userId = digits();
  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/member-care`);

  // Register.
  const register = page.locator('form', {
    has: page.getByRole('heading', { name: 'Register a customer' }),
  });
  await register.getByLabel('User id').fill(userId);
  await register.getByLabel('Name').fill('Meera');
  await register.getByLabel('Past transactions').fill('2');
  await register.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registered Meera' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Meera' })).toBeVisible();
  await expect(page.getByText('2 transactions')).toBeVisible();
  await expectAccessible(page, 'member care, registered');

  // Change one customer: the count an offer for new customers reads.
  await page.getByRole('button', { name: 'Change details' }).click();
  const edit = page.locator('form', { has: page.getByRole('heading', { name: 'Change details' }) });
  await edit.getByLabel('Past transactions').fill('0');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('0 transactions')).toBeVisible();
  expect(
    (await callApi(app.baseURL, admin, 'customers-get', { ref: `userId:${userId}` }))
      .transactionCount,
  ).toBe(0);

  // Change many from a file: one good row, one naming nobody.
  const csv = `userId,transactionCount\n${userId},7\n9${unique().replace(/\D/g, '').slice(0, 8) || '1'}0,1\n`;
  await page.getByLabel('CSV file').setInputFiles({
    name: 'changes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(page.getByRole('status').filter({ hasText: 'changes.csv' })).toContainText(
    '1 of 2 rows went in',
  );
  await expect(
    page.getByRole('button', { name: 'Download issues of changes.csv' }).first(),
  ).toBeVisible();
  await expectAccessible(page, 'member care, customer changes uploaded');
  expect(
    (await callApi(app.baseURL, admin, 'customers-get', { ref: `userId:${userId}` }))
      .transactionCount,
  ).toBe(7);
});
