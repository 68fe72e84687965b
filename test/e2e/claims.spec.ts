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
