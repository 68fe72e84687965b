import { callApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signInAt, startFollowingTill, startHub, test } from './support/hub';
import { removeDataDir } from './support/app-process';

/**
 * A till that took offline allowance for a capped offer goes silent past its lease: back office
 * sees the held units on the reconciliation screen and writes the lease off, with a reason,
 * which gives the units back to the offer.
 */
test('back office writes off the allowance of a till that will not report', async ({ browser }) => {
  test.setTimeout(420_000);
  // Its own hub: a one-minute lease, so the lease expires within the test.
  const hub = await startHub(['--lease-ttl-minutes', '1']);
  try {
    const bo = await hub.token('back_office');
    const name = `E2E silent till ${unique()}`;
    const offer = await callApi(hub.url, bo, 'offers-create', {
      name,
      expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 20 * 86_400_000).toISOString() },
      discount: { type: 'FIXED', amount: '50', currency: 'INR' },
      codeGeneration: { method: 'COMMON', code: `SILENT${unique()}` },
      redemption: { allowAnyone: true, moreThanOnce: true, seriesLimit: 6 },
      syncToInStore: { enabled: true, scope: [] },
      offlinePolicy: { mode: 'ALLOW' },
    });
    const till = await startFollowingTill(hub.url, hub.enrolment('S-DEL-T1'));
    // The till asks for its share of the offer's units, then goes away without reporting.
    await expect
      .poll(
        async () =>
          (await callApi(hub.url, bo, 'sync-leases-list', { offerId: offer.id })).items.length,
        { timeout: 120_000, intervals: [1000] },
      )
      .toBeGreaterThan(0);
    await till.stop();
    const overdue = async () =>
      (await callApi(hub.url, bo, 'sync-leases-list', { offerId: offer.id, status: 'ACTIVE' }))
        .items;
    // Every lease it still holds runs past its minute.
    await expect
      .poll(async () => (await overdue()).every((l) => l.overdue), {
        timeout: 150_000,
        intervals: [2000],
      })
      .toBe(true);
    const held = await overdue();
    expect(held.length).toBeGreaterThan(0);
    const lease = held[0];
    expect(lease?.unspent).toBeGreaterThan(0);

    const page = await (await browser.newContext()).newPage();
    await signInAt(page, hub.url, hub.credentials('back_office'));
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reconciliation' })
      .click();
    const table = page.getByRole('table', { name: 'Expired offline allowance not yet reported' });
    const rows = table.getByRole('row').filter({ hasText: name });
    await expect(rows).toHaveCount(held.length);
    const row = rows.first();
    await expect(row).toContainText('Connaught Place till 1');
    await expect(row).toContainText(String(lease?.unspent));
    await expectAccessible(page, 'reconciliation with an unreported lease');

    await row.getByRole('button', { name: 'Write off…' }).click();
    const dialog = page.getByRole('dialog', { name: /Write off .*allowance\?/ });
    const units = lease?.unspent === 1 ? '1 unit' : `${lease?.unspent} units`;
    await expect(dialog).toContainText(`${units} of ${name} go back to the offer`);
    await expectAccessible(page, 'the write-off dialog');
    // Esc changes nothing.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await row.getByRole('button', { name: 'Write off…' }).click();
    await dialog.getByLabel('Why will this till not report?').fill('Till stolen from the store');
    await dialog.getByRole('button', { name: 'Write off' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `${units} of ${name} given back to the offer` }),
    ).toBeVisible();
    await expect(rows).toHaveCount(held.length - 1);
    const after = await callApi(hub.url, bo, 'sync-leases-list', { offerId: offer.id });
    expect(after.items.find((l) => l.id === lease?.id)).toMatchObject({
      status: 'EXPIRED',
      unspent: 0,
    });
    await page.context().close();
  } finally {
    await hub.stop();
    removeDataDir(hub.dataDir);
  }
});
