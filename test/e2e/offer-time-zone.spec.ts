import { callApi } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';

/**
 * The org is in Kolkata (IST); this browser runs on Los Angeles time with a US locale. An
 * expiry typed as 31 Jan 23:59 must be stored as 23:59 IST, not 23:59 in Los Angeles.
 */
test.use({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });

test('an offer expiry is entered and shown on the org clock, whatever zone the browser is in', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const settings = await callApi(app.baseURL, bo, 'org-settings-get', {});
  expect(settings.timeZone).toBe('Asia/Kolkata');
  const year = new Date().getUTCFullYear() + 1;
  const name = `Zoned expiry ${Date.now()}`;

  await signIn(page, app, 'back_office');
  await page.getByRole('link', { name: 'Create offer' }).click();
  await page.getByLabel('Offer name').fill(name);
  const expiry = page.getByLabel(/^Expiry date and time \(IST\)$/);
  await expiry.fill(`${year}-01-31T23:59`);
  // The field says back what it means, in one format: day first, the zone named.
  await expect(page.getByTestId('expiry-reads')).toHaveText(
    new RegExp(`^31 Jan ${year}, 11:59\\spm IST$`),
  );
  await expect(page.getByLabel(/^Amount \(INR, ₹\)$/)).toBeVisible();
  await expectAccessible(page, 'the offer editor');

  await page.getByRole('button', { name: 'Preview and save' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`31 Jan ${year}`);
  await expect(dialog).toContainText('₹100.00 off');
  await dialog.getByRole('button', { name: 'Create offer' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

  // Stored as the instant 23:59 IST is: 18:29 UTC, not 07:59 UTC the next day (LA's 23:59).
  const list = await callApi(app.baseURL, bo, 'offers-list', {
    q: name,
    sort: 'modified',
    limit: 5,
    offset: 0,
  });
  const id = list.items[0]?.id ?? '';
  const { offer } = await callApi(app.baseURL, bo, 'offers-get', { id });
  expect(offer.expiry.endsAt).toBe(`${year}-01-31T18:29:00.000Z`);

  // Read back in the editor as the same wall time.
  await page.goto(`${app.baseURL}/#/offers/${id}/edit`);
  await expect(page.getByLabel(/^Expiry date and time \(IST\)$/)).toHaveValue(
    `${year}-01-31T23:59`,
  );
  await page.goto(`${app.baseURL}/#/offers/${id}`);
  await page.getByRole('tab', { name: 'Information' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(/IST/);
  await expectAccessible(page, 'the offer page');
});
