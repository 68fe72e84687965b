import { startFaultProxy } from '../sync/fault-proxy';
import { apiToken, callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signInAt, startFollowingTill, test } from './support/hub';

/**
 * A back-office person edits an offer at a till whose hub is cut off: the change shows as
 * pending where it was made, the banner counts it, the offline-changes screen lists it, and the
 * hub confirms it once the link is back.
 */
test('an offer edited at a till while the hub is away is pending, then confirmed', async ({
  browser,
  hub,
}) => {
  test.setTimeout(360_000);
  const bo = await hub.token('back_office');
  const who = hub.credentials('back_office');
  const name = `E2E offline edit ${unique()}`;
  const offer = await callApi(hub.url, bo, 'offers-create', {
    name,
    expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 20 * 86_400_000).toISOString() },
    discount: { type: 'FIXED', amount: '100', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
    redemption: { allowAnyone: true, codeLimit: 1 },
    syncToInStore: { enabled: true, scope: [] },
  });

  const proxy = await startFaultProxy(hub.url);
  // Its own till: demo enrolment codes are single use, and the outage test takes S-DEL's.
  const till = await startFollowingTill(proxy.url, hub.enrolment('S-NOI-T1'));
  try {
    // The offer and the people reach the till with its first pulls.
    await expect
      .poll(
        async () => {
          try {
            const token = await apiToken(till.url, who);
            return (await callApi(till.url, token, 'offers-get', { id: offer.id })).offer.name;
          } catch {
            return null;
          }
        },
        { timeout: 120_000, intervals: [1000] },
      )
      .toBe(name);

    const page = await (await browser.newContext()).newPage();
    // Signing in while the hub answers gives this person an offline pass on this till.
    await signInAt(page, till.url, who);
    await expect(page.getByTestId('connection-badge')).toHaveText('Online', { timeout: 30_000 });

    proxy.faults.cut = true;
    await expect(page.getByTestId('connection-badge')).toHaveText(/^Offline/, {
      timeout: 30_000,
    });
    const renamed = `${name} (till)`;
    await page.goto(`${till.url}/#/offers/${offer.id}/edit`);
    await page.getByLabel('Offer name').fill(renamed);
    await page.getByRole('button', { name: 'Preview and update' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Update offer' }).click();

    // Where it was made: pending, not an error, with the way to follow it.
    const pending = page.getByRole('status').filter({ hasText: 'Saved at this till — pending' });
    await expect(pending).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('offline-waiting')).toHaveText(
      'Waiting to be sent: 1 back-office change.',
    );
    await expectAccessible(page, 'a change pending at an offline till');

    await pending.getByRole('link', { name: 'See changes made offline' }).click();
    const rows = page.getByRole('row').filter({ hasText: 'Offer edited' });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Waiting for the hub');
    await expectAccessible(page, 'offline changes');

    proxy.faults.cut = false;
    await expect(rows.first()).toContainText('Confirmed by the hub', { timeout: 90_000 });
    await expect(page.getByTestId('connection-badge')).toHaveText('Online', { timeout: 30_000 });
    await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 30_000 });
    const atHub = await callApi(hub.url, bo, 'offers-get', { id: offer.id });
    expect(atHub.offer.name).toBe(renamed);
    await page.context().close();
  } finally {
    await till.stop();
    await proxy.close();
  }
});
