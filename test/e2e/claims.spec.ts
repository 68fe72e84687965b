import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';
import { createOffer } from './support/seed';

test('claim offers: the rules are shown and a refused claim says why', async ({ page, app }) => {
  const bo = await app.token('back_office');
  const first = await createOffer(app.baseURL, bo);
  const second = await createOffer(app.baseURL, bo);
  const campaign = `camp-${unique()}`;
  await callApi(app.baseURL, bo, 'offers-claim', {
    id: first.id,
    consumerType: 'OUTBOUND',
    consumerId: campaign,
    consumerName: 'Win-back',
  });

  await signIn(page, app, 'back_office');
  // The claimed offer says who has it.
  await page.goto(`${app.baseURL}/#/offers/${first.id}/claim`);
  await expect(page.getByRole('status').filter({ hasText: 'Already claimed' })).toContainText(
    'Win-back',
  );
  await expectAccessible(page, 'claim, already claimed');

  // An outbound campaign takes exactly one offer: a second one is refused, with the reason.
  await page.goto(`${app.baseURL}/#/offers/${second.id}/claim`);
  await expect(page.getByText('An outbound campaign claims exactly one offer')).toBeVisible();
  await page.getByLabel('Outbound campaign').check();
  await page.getByLabel('Campaign id').fill(campaign);
  await page.getByLabel('Name', { exact: true }).fill('Win-back');
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  // The API's reason, in the banner and next to the campaign id it is about.
  await expect(page.locator('.banner--error')).toContainText(campaign);
  await expect(page.locator('#claim-consumer-id-error')).toContainText(campaign);
  await expectAccessible(page, 'claim, refused');

  // A loyalty program may claim it instead.
  await page.getByLabel('Loyalty program').check();
  await page.getByLabel('Program id').fill(`gold-${unique()}`);
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Claimed for' })).toContainText(
    'Loyalty program',
  );
});

test('release a claim: the held offers are listed, the release is confirmed and audited', async ({
  page,
  app,
}) => {
  const bo = await app.token('back_office');
  const offer = await createOffer(app.baseURL, bo);
  const other = await createOffer(app.baseURL, bo);
  const program = `tl-${unique()}`;
  for (const id of [offer.id, other.id]) {
    await callApi(app.baseURL, bo, 'offers-claim', {
      id,
      consumerType: 'TIMELINE',
      consumerId: program,
      consumerName: 'Anniversary',
    });
  }
  await signIn(page, app, 'back_office');
  await page.goto(`${app.baseURL}/#/offers/${offer.id}/claim`);
  // Both offers the timeline campaign holds are listed, by name.
  const held = page.getByRole('table', { name: `Offers held by Timeline campaign ${program}` });
  await expect(held.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Release claim…' }).click();
  await page.getByLabel('Reason (kept in the audit trail)').fill('campaign cancelled');
  await page.getByRole('button', { name: 'Yes, release' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Released from' })).toContainText(
    'Any service may claim it now',
  );
  await expect(page.getByRole('button', { name: 'Release claim…' })).toHaveCount(0);
  await expectAccessible(page, 'claim, released');
  const after = await callApi(app.baseURL, bo, 'claims-list', {
    consumerType: 'TIMELINE',
    consumerId: program,
  });
  expect(after.items.map((o) => o.id)).toEqual([other.id]);

  // The same list for any service, from its own screen.
  await page.getByRole('link', { name: 'Offers a service holds' }).click();
  await page.getByLabel('Consuming service').selectOption('TIMELINE');
  await page.getByLabel('Campaign id').fill(program);
  await page.getByRole('button', { name: 'Show offers' }).click();
  const listed = page.getByRole('table', { name: `Offers held by Timeline campaign ${program}` });
  await expect(listed.getByRole('row')).toHaveCount(2);
  await expectAccessible(page, 'offers a service holds');
});
