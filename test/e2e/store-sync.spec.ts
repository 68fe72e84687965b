import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createOffer, storeOfRole } from './support/seed';

test('a store manager syncs an offer to their store only', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const { store } = await storeOfRole(app.baseURL, app.credentials('store_manager'), bo);
  const name = `E2E sync ${unique()}`;
  const offer = await createOffer(app.baseURL, bo, { name });

  await signIn(page, app, 'store_manager');
  await page.getByRole('link', { name: 'Store sync' }).click();
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
