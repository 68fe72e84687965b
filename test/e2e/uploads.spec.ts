import { readFile } from 'node:fs/promises';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { unique } from './support/api';
import { createCustomer, createOffer } from './support/seed';

test('upload a CSV with good and bad rows, then download the issues', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo);
  // Customers must be registered before coupons are issued to them.
  const tag = unique().toLowerCase();
  const [one, two] = [`one.${tag}@example.com`, `two.${tag}@example.com`];
  await createCustomer(app.baseURL, bo, undefined, one);
  await createCustomer(app.baseURL, bo, undefined, two);
  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/offers/${offer.id}/uploads`);

  await page.getByLabel('What the file contains').selectOption('CUSTOMERS');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email\n${one}\nnot-an-email\n${two}\n`),
  });
  await page.getByRole('button', { name: 'Proceed to upload' }).click();

  const progress = page.getByTestId('upload-progress');
  await expect(progress).toContainText('Finished', { timeout: 30_000 });
  await expect(progress).toContainText('3 of 3 rows processed');
  await expect(progress.getByRole('status')).toContainText('2 in');
  await expect(progress.getByRole('status')).toContainText('1 with issues');
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', '100');

  // The list shows the upload too, and both places offer the issues file.
  const row = page.getByRole('row').filter({ hasText: 'customers.csv' });
  await expect(row).toContainText('Finished');
  await expectAccessible(page, 'uploads');

  const downloading = page.waitForEvent('download');
  await progress.getByRole('button', { name: 'Download issues' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('customers-issues.csv');
  const text = await readFile((await download.path()) ?? '', 'utf8');
  expect(text).toContain('not-an-email');
  expect(text).not.toContain(one);
  expect(text.trim().split('\n').length).toBe(2);
});
