import { unique } from './support/api';
import { expect, signIn, test } from './support/fixtures';

test('an unfinished offer draft survives restarting the app', async ({ page, app }) => {
  const name = `Draft across restart ${unique()}`;
  await signIn(page, app, 'back_office');
  await page.getByRole('link', { name: 'Create offer' }).click();
  await page.getByLabel('Offer name').fill(name);
  await page.getByLabel(/^Amount( \(|$)/).fill('75');
  await expect(page.getByText(/Draft saved/)).toBeVisible();

  await app.restart();
  await page.reload();
  // The session may or may not outlive the backend; either way the draft must be there.
  if (
    await page
      .getByLabel('Username')
      .isVisible()
      .catch(() => false)
  ) {
    await signIn(page, app, 'back_office');
  }
  await page.goto(`${app.baseURL}/#/offers/new`);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByLabel('Offer name')).toHaveValue(name);
  await expect(page.getByLabel(/^Amount( \(|$)/)).toHaveValue('75');

  // Discarding it starts clean.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByLabel('Offer name')).toHaveValue('');
});
