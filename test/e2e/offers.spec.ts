import { unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createCustomer, createOffer } from './support/seed';

test('create an offer through the three sections, preview and save', async ({ page, app }) => {
  const name = `E2E create ${unique()}`;
  await signIn(page, app, 'back_office');
  await page.getByRole('link', { name: 'Create offer' }).click();

  // Saving without a name puts the reason next to the field.
  await page.getByRole('button', { name: 'Preview and save' }).click();
  await expect(page.locator('#name-error')).toHaveText('is required');
  await expect(page.getByLabel('Offer name')).toBeFocused();

  await page.getByLabel('Offer name').fill(name);
  await page.getByLabel('Discount value').selectOption('PERCENT');
  await page.getByLabel('Percent off').fill('15');
  await page.getByLabel('How to create the coupon codes?').selectOption('RANDOMIZED_COMMON');
  await page.getByLabel('Sample common code').fill('test12345');
  await expect(page.getByText('TEST•••••')).toBeVisible();
  await page.getByText('Advanced settings').click();
  await page.getByLabel('Across customer limit (whole offer)').fill('5000');
  await page.getByLabel('Mon', { exact: true }).check();
  await expectAccessible(page, 'the offer editor with advanced settings open');

  await page.getByRole('button', { name: 'Preview and save' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(name);
  await expect(dialog).toContainText('15% off');
  await expect(dialog).toContainText('Randomized common codes like TEST12345');
  await dialog.getByRole('button', { name: 'Create offer' }).click();

  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Information' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Offer id');

  // The dashboard finds it by name.
  await page.getByRole('link', { name: 'Offers', exact: true }).click();
  await page.getByLabel('Search by name').fill(name);
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('15');
  await expectAccessible(page, 'the offers dashboard');

  // In edit, immutable fields are locked with the reason.
  await page.getByRole('link', { name: `Edit ${name}` }).click();
  await expect(page.getByLabel('Offer expires', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('How to create the coupon codes?')).toBeDisabled();
  await expect(
    page.getByText('The way codes are created is fixed once the offer exists.'),
  ).toBeVisible();
  await expect(page.getByLabel('Offer id', { exact: true })).toBeDisabled();
});

test('edit an offer and issue one coupon from its page', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo);
  const customer = await createCustomer(app.baseURL, bo);
  const renamed = `${offer.name} renamed`;

  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/offers/${offer.id}/edit`);
  await page.getByLabel('Offer name').fill(renamed);
  await page.getByRole('button', { name: 'Preview and update' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Update offer' }).click();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();

  await page.getByLabel('Customer', { exact: true }).fill(customer.mobile ?? '');
  await page.getByRole('button', { name: 'Issue coupon' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Issued' })).toBeVisible();
  await page.getByRole('tab', { name: 'Information' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('1 issued');
});
