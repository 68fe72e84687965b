import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createOffer } from './support/seed';

test('an offer edit made on screen shows in the audit trail, found by its offer', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo);
  const renamed = `${offer.name} audited`;

  // The audited action, through the editor.
  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/offers/${offer.id}/edit`);
  await page.getByLabel('Offer name').fill(renamed);
  await page.getByRole('button', { name: 'Preview and update' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Update offer' }).click();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();

  // The audit screen from the navigation, filtered to this offer.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit trail' })
    .click();
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  await page.getByLabel('Entity type').selectOption('offer');
  await page.getByLabel('Entity id').fill(offer.id);
  await page.getByRole('button', { name: 'Apply' }).click();

  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(2);
  // Newest first: the edit, then the creation; both by the back-office user.
  // In words: what changed, from what to what, on the offer by name; no ids or keys.
  await expect(rows.nth(0)).toContainText('Offer changed');
  await expect(rows.nth(0)).toContainText('backoffice');
  await expect(rows.nth(0)).toContainText(`Name: ${offer.name} → ${renamed}`);
  await expect(rows.nth(0)).not.toContainText(offer.id);
  await expect(rows.nth(1)).toContainText('Offer created');
  await expectAccessible(page, 'the audit trail');
  // The filter is in the address, so the view can be shared or reloaded.
  await page.reload();
  await expect(rows).toHaveCount(2);

  // Another actor's filter hides them; the entity link opens the offer.
  await page.getByLabel('Actor').fill('somebody-else');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No entries match.')).toBeVisible();
  await page.getByLabel('Actor').fill('backoffice');
  await page.getByRole('button', { name: 'Apply' }).click();
  await rows
    .nth(0)
    .getByRole('link', { name: `“${renamed}”` })
    .click();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();
});

test('a store manager has no audit trail in the navigation and is refused at its address', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'store_manager');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Till' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
  await page.goto(`${app.baseURL}/#/audit`);
  await expect(page.getByRole('alert')).toContainText('may not use audit trail');
});
