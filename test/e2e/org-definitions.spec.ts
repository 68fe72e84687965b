import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createOffer } from './support/seed';

test('an admin defines metadata fields and contacts once; the offer editor fills and picks them, and finds past offers by name', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const admin = await app.token('admin');
  const tag = unique()
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
  const past = await createOffer(app.baseURL, admin, {
    name: `Diwali past ${tag}`,
    offerCode: `DIW-${tag}`.slice(0, 32),
  });
  try {
    await signIn(page, app, 'admin');
    await page.getByRole('link', { name: 'Org definitions' }).click();
    await page.getByRole('button', { name: '+ Add field' }).click();
    await page.getByLabel('Field 1 name').fill('Campaign owner');
    await page.locator('[id="fields.0.required"]').check();
    await page.getByRole('button', { name: '+ Add field' }).click();
    await page.getByLabel('Field 2 name').fill('Budget');
    await page.locator('[id="fields.1.type"]').selectOption('NUMBER');
    await page.getByRole('button', { name: 'Save fields' }).click();
    await expect(page.getByText('Saved. Offers are checked against these fields')).toBeVisible();

    const email = `priya.${tag.toLowerCase()}@example.com`;
    await page.getByRole('button', { name: '+ Add contact' }).click();
    await page.getByLabel('Contact 1 name').fill('Priya Nair');
    await page.locator('[id="contacts.0.email"]').fill(email);
    await page.getByRole('button', { name: 'Save contacts' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(2);
    await expectAccessible(page, 'the org definitions screen');

    // The editor shows each field as an input of its type.
    await page.goto(`${app.baseURL}/#/offers/new`);
    const name = `E2E definitions ${tag}`;
    await page.getByLabel('Offer name').fill(name);
    await page.getByLabel('Budget (optional)').fill('lots');
    await page.getByText('Advanced settings').click();

    const picker = page.getByRole('group', { name: 'Restrict based on past issuals' });
    await picker.getByLabel(/Find an offer by name or offer code/).fill(`diw-${tag}`);
    const found = picker.getByRole('list', { name: 'Offers found' });
    await expect(found.getByRole('listitem')).toHaveCount(1);
    await found.getByRole('button', { name: `Choose Diwali past ${tag}` }).click();
    await expect(picker.getByRole('list', { name: 'Offers chosen' })).toContainText(
      `Diwali past ${tag} (${past.offerCode})`,
    );
    await page.locator('[id="issuance.totalLimit"]').fill('100');
    await page.locator('[id="issuance.notifyThreshold"]').fill('10');
    await page
      .getByRole('group', { name: 'Issual limit alert: email these points of contact' })
      .getByLabel(/Priya Nair/)
      .check();

    // Checked before saving, each at its field, as the hub would refuse them.
    await page.getByRole('button', { name: 'Preview and save' }).click();
    await expect(page.locator('[id="metadata.campaign_owner-error"]')).toContainText(
      '"Campaign owner" is required for every offer; fill it in',
    );
    await expect(page.locator('[id="metadata.budget-error"]')).toContainText(
      '"Budget" must be a number such as 1500 or 12.5; got "lots"',
    );
    await page.getByLabel('Campaign owner').fill('Marketing');
    await page.getByLabel('Budget (optional)').fill('1500');
    await page.getByRole('button', { name: 'Preview and save' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Campaign owner: Marketing');
    await expect(dialog).toContainText(`Priya Nair <${email}>`);
    await expect(dialog).toContainText(
      `Not to customers who received a coupon of Diwali past ${tag} (${past.offerCode}) in the last 6 months`,
    );
    await dialog.getByRole('button', { name: 'Create offer' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

    const saved = await callApi(app.baseURL, admin, 'offers-list', { q: name });
    const offer = await callApi(app.baseURL, admin, 'offers-get', { id: saved.items[0]?.id ?? '' });
    expect(offer.offer.metadata).toEqual({ campaign_owner: 'Marketing', budget: '1500' });
    expect(offer.offer.issuance?.restrictPastIssualsOfOfferIds).toEqual([past.id]);
    expect(offer.offer.issuance?.notifyContactIds).toHaveLength(1);
  } finally {
    // Other tests on this app create offers without these fields.
    await callApi(app.baseURL, admin, 'org-metadata-fields-set', { fields: [] });
  }
});
