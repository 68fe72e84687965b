import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createOffer, storeOfRole } from './support/seed';

test('a store manager lands on store sync and syncs an offer to their store only', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const { store } = await storeOfRole(app.baseURL, app.credentials('store_manager'), bo);
  const name = `E2E sync ${unique()}`;
  const offer = await createOffer(app.baseURL, bo, { name });

  await signIn(page, app, 'store_manager');
  // The manager's start screen: not "Which till is this?".
  await expect(page.getByRole('heading', { name: 'Store sync', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/store-sync$/);
  await page.getByLabel('Store', { exact: true }).selectOption(store.id);
  await page.getByLabel('Search active offers').fill(name);
  const toggle = page.getByRole('switch', { name: `Sync ${name} to this store` });
  await expect(toggle).not.toBeChecked();
  // The switch follows the saved setting, so it changes once the API has answered.
  await toggle.click();
  await expect(toggle).toBeChecked();

  const { offer: saved } = await callApi(app.baseURL, bo, 'offers-get', { id: offer.id });
  expect(saved.syncToInStore).toEqual({ enabled: true, scope: [{ type: 'STORE', id: store.id }] });

  await toggle.click();
  await expect(toggle).not.toBeChecked();
  const { offer: after } = await callApi(app.baseURL, bo, 'offers-get', { id: offer.id });
  expect(after.syncToInStore?.enabled).toBe(false);

  // The health panel says plainly that this till has no hub.
  await expect(page.getByTestId('sync-health-none')).toContainText('Not connected to a hub');
  await expectAccessible(page, 'store sync');
});

test('offers for other stores are listed only on request, and syncing one asks first', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const { store } = await storeOfRole(app.baseURL, app.credentials('store_manager'), bo);
  const org = await callApi(app.baseURL, bo, 'org-list', {});
  const elsewhere = org.items.find(
    (e) => e.type === 'STORE' && e.id !== store.id && e.currency && e.currency !== store.currency,
  );
  expect(elsewhere, 'a store in another currency').toBeDefined();
  const tag = unique();
  const name = `E2E Gulf only ${tag}`;
  const offer = await createOffer(app.baseURL, bo, {
    name,
    discount: { type: 'FIXED', amount: '25', currency: elsewhere?.currency ?? 'AED' },
    redemption: { stores: [{ type: 'STORE', id: elsewhere?.id ?? '' }] },
  });

  await signIn(page, app, 'store_manager');
  await page.getByLabel('Store', { exact: true }).selectOption(store.id);
  await page.getByLabel('Search active offers').fill(tag);
  const table = page.getByRole('table', {
    name: 'Active offers and whether they sync to this store',
  });
  // Not redeemable here: not among the store's offers.
  await expect(page.getByText(`No active offer may be redeemed at ${store.name}.`)).toBeVisible();
  await page.getByLabel('Show').selectOption({ label: 'Every active offer' });
  const toggle = table.getByRole('switch', { name: `Sync ${name} to this store` });
  await expect(toggle).toBeVisible();

  // Switching it on asks, saying why, in names; "Don't sync" (and Esc) change nothing.
  await toggle.click();
  const dialog = page.getByRole('dialog', { name: `Sync ${name} to ${store.name}?` });
  await expect(dialog).toContainText(`may be redeemed only at ${elsewhere?.name ?? ''}`);
  await expect(dialog).toContainText(
    `in ${elsewhere?.currency ?? ''} and ${store.name} bills in ${store.currency ?? ''}`,
  );
  await expectAccessible(page, 'the sync warning');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(toggle).not.toBeChecked();
  expect(
    (await callApi(app.baseURL, bo, 'offers-get', { id: offer.id })).offer.syncToInStore,
  ).toMatchObject({ enabled: false });

  await toggle.click();
  await dialog.getByRole('button', { name: 'Sync anyway' }).click();
  await expect(toggle).toBeChecked();
  const { offer: saved } = await callApi(app.baseURL, bo, 'offers-get', { id: offer.id });
  expect(saved.syncToInStore).toEqual({ enabled: true, scope: [{ type: 'STORE', id: store.id }] });
});
