import { readFile } from 'node:fs/promises';
import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createCustomer, createOffer, firstStore } from './support/seed';

test('an offer for specific customers: upload the list, add one, download it', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo, {
    issuance: { specificCustomersOnly: true },
  });
  const tag = unique().toLowerCase();
  const [one, two] = [`one.${tag}@example.com`, `two.${tag}@example.com`];
  await createCustomer(app.baseURL, bo, undefined, one);
  await createCustomer(app.baseURL, bo, undefined, two);

  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/offers/${offer.id}`);
  const panel = page.getByRole('region', { name: 'Customer list' });
  await expect(panel).toContainText('The list is empty, so no one can be issued a coupon yet');

  // The upload page opens with the customer list chosen.
  await panel.getByRole('link', { name: 'Upload a customer list' }).click();
  await expect(page.getByLabel('What the file contains')).toHaveValue('AUDIENCE');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'members.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email\n${one}\nnobody.${tag}@example.com\n`),
  });
  await page.getByRole('button', { name: 'Proceed to upload' }).click();
  const progress = page.getByTestId('upload-progress');
  await expect(progress).toContainText('Finished', { timeout: 30_000 });
  await expect(progress.getByRole('status')).toContainText('1 in');
  await expect(progress.getByRole('status')).toContainText('1 with issues');
  await expect(page.getByRole('row').filter({ hasText: 'members.csv' })).toContainText(
    'Customer list',
  );

  await page.getByRole('link', { name: 'Back to the offer' }).click();
  await expect(panel.getByTestId('audience-count')).toHaveText(
    'Only the 1 customer on the list can be issued a coupon.',
  );
  await panel.getByLabel('Identifier').selectOption('email');
  await panel.getByLabel('Customer', { exact: true }).fill(two);
  await panel.getByRole('button', { name: 'Add to the list' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Added' })).toHaveText(
    `Added email ${two}; the list now has 2 customers.`,
  );
  await expectAccessible(page, 'the offer page with its customer list');

  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download the list' }).click();
  const text = await readFile((await (await downloading).path()) ?? '', 'utf8');
  expect(text.split('\n')[0]).toBe('userId,email,mobile,externalId,name,addedAt');
  expect(text).toContain(one);
  expect(text).toContain(two);
});

test('stores allowing redemption from a CSV in the editor', async ({ page, app }) => {
  const admin = await app.token('admin');
  const { store, till } = await firstStore(app.baseURL, admin);
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo);

  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/offers/${offer.id}/edit`);
  await page.getByText('Advanced settings').click();
  const file = page.getByLabel('Or upload a CSV file of places');

  // A file with a row that names no place changes nothing and says which row.
  await file.setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`storeId\n${store.id}\nNOPE-${unique()}\n`),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was selected' })).toContainText(
    'Row 3: No store has the id or name',
  );
  await expect(page.getByText('Any store may redeem (nothing selected).')).toBeVisible();

  await file.setInputFiles({
    name: 'stores.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`type,id\nSTORE,${store.id}\ntill,${till.id}\n`),
  });
  await expect(page.getByText('2 places from stores.csv selected.')).toBeVisible();
  await expect(page.getByText(`Selected: ${store.name} (store)`)).toBeVisible();
  await page.getByRole('button', { name: 'Preview and update' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Update offer' }).click();
  await expect(page.getByRole('heading', { name: offer.name, level: 1 })).toBeVisible();

  const saved = await callApi(app.baseURL, bo, 'offers-get', { id: offer.id });
  expect(saved.offer.redemption?.stores).toEqual([
    { type: 'STORE', id: store.id },
    { type: 'TILL', id: till.id },
  ]);
});
