import type { Page } from '@playwright/test';
import { openPglite } from '#server/platform/db/pglite-port';
import { startFaultProxy, type FaultProxy } from '../sync/fault-proxy';
import { apiToken, callApi, unique, type Credentials } from './support/api';
import { expectAccessible } from './support/axe';
import { expect, signInAt, startFollowingTill, test, type FollowingTill } from './support/hub';
import { createCustomer, freshMobile } from './support/seed';

/** Sells one coupon at a till's screen: customer, bill, code, Enter to check, then Redeem. */
const redeemAtTill = async (page: Page, code: string, mobile: string) => {
  await page.getByLabel('Value').fill(mobile);
  await page.getByLabel('Value').press('Enter');
  await expect(page.getByText(`E2E ${mobile}`)).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Bill amount').fill('1200');
  const field = page.getByLabel('Coupon code');
  await field.fill(code);
  await field.press('Enter');
  await expect(page.getByTestId('validation-ok')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Redeem (F9)' }).click();
  await expect(page.getByTestId('receipt')).toContainText(code, { timeout: 30_000 });
};

/** Signs a cashier in at a till, which opens as the till it is enrolled as: nothing to pick. */
const openTill = async (page: Page, till: FollowingTill, who: Credentials) => {
  await signInAt(page, till.url, who);
  await expect(page.getByRole('heading', { name: /^Till · / })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Which till is this?')).toHaveCount(0);
  await expect(page.getByLabel('Coupon code')).toBeFocused();
};

test('cut the hub off, redeem, restore it and resolve the conflict', async ({ browser, hub }) => {
  test.setTimeout(480_000);
  const bo = await hub.token('back_office');
  const cashier = hub.credentials('cashier');

  // A single-use coupon on an offer every store's tills receive.
  const offer = await callApi(hub.url, bo, 'offers-create', {
    name: `E2E outage ${unique()}`,
    expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 20 * 86_400_000).toISOString() },
    discount: { type: 'FIXED', amount: '150', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
    redemption: { allowAnyone: true, codeLimit: 1 },
    syncToInStore: { enabled: true, scope: [] },
  });
  const mobile = freshMobile();
  await createCustomer(hub.url, bo, mobile);
  const { coupon } = await callApi(hub.url, bo, 'coupons-issue', {
    id: offer.id,
    customer: { mobile },
  });
  const code = coupon.code;

  // Till A reaches the hub through a proxy that can cut the link; till B directly.
  const proxy: FaultProxy = await startFaultProxy(hub.url);
  const started = await Promise.allSettled([
    startFollowingTill(proxy.url, hub.enrolment('S-DEL-T1')),
    startFollowingTill(hub.url, hub.enrolment('S-DEL-T2')),
  ]);
  const tills = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(tills.map((t) => t.stop()));
    await proxy.close();
    throw failed.reason;
  }
  const [tillA, tillB] = tills as [FollowingTill, FollowingTill];
  try {
    // Both replicas have the coupon before the link goes down.
    for (const till of tills) {
      await expect
        .poll(
          async () => {
            // The till has no users until its first pull: keep asking until it does.
            try {
              const token = await apiToken(till.url, cashier);
              return (await callApi(till.url, token, 'coupons-get', { code })).items.length;
            } catch {
              return 0;
            }
          },
          { timeout: 120_000, intervals: [1000] },
        )
        .toBe(1);
    }

    const a = await (await browser.newContext()).newPage();
    const b = await (await browser.newContext()).newPage();
    await openTill(a, tillA, cashier);
    await openTill(b, tillB, cashier);
    const badgeA = a.getByTestId('connection-badge');
    await expect(badgeA).toHaveText('Online', { timeout: 30_000 });

    // The link from till A to the hub is cut: the till says so and keeps selling.
    proxy.faults.cut = true;
    await expect(badgeA).toHaveText(/^Offline/, { timeout: 30_000 });
    await redeemAtTill(a, code, mobile);
    await expect(badgeA).toHaveText('Offline · 1 to send', { timeout: 30_000 });
    await expect(a.getByTestId('receipt-offline')).toBeVisible();
    await expectAccessible(a, 'the till offline, a receipt recorded offline');

    // Meanwhile the same code is redeemed online at till B: the hub accepts it.
    await expect(b.getByTestId('connection-badge')).toHaveText('Online');
    await redeemAtTill(b, code, mobile);
    const atHub = await callApi(hub.url, bo, 'redemptions-list', { offerId: offer.id });
    expect(atHub.items.map((r) => r.tillId)).toEqual(['S-DEL-T2']);

    // The link comes back: till A sends its redemption and is online with nothing waiting.
    proxy.faults.cut = false;
    await expect(badgeA).toHaveText('Online', { timeout: 90_000 });

    // Back office, at the hub: the second use of the code waits in reconciliation.
    const office = await (await browser.newContext()).newPage();
    await signInAt(office, hub.url, hub.credentials('back_office'));
    await office
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reconciliation' })
      .click();
    await office.getByLabel('What happened').selectOption('duplicate_code');
    const card = office.getByRole('article', { name: new RegExp(code) });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Same code redeemed twice');
    await expect(card).toContainText('till 1');
    await expect(card).toContainText('150');

    // A reason is required: the hub's answer lands next to the field.
    await card.getByRole('radio', { name: /Reverse the redemption/ }).check();
    await card.getByRole('button', { name: 'Resolve' }).click();
    await expect(card.getByRole('alert')).toContainText('say why');
    const reason = `Customer came back after the outage (${unique()})`;
    await card.getByLabel('Reason').fill(reason);
    await card.getByRole('button', { name: 'Resolve' }).click();
    await expect(card).toContainText(`Reverse the redemption by backoffice`);
    await expect(card).toContainText(reason);

    // The decision stays on record: the resolved list shows who, when and why.
    await office.getByLabel('Status').selectOption('RESOLVED');
    const resolved = office.getByRole('article', { name: new RegExp(code) });
    await expect(resolved).toContainText(`Reverse the redemption by backoffice`);
    await expect(resolved).toContainText(reason);
    const items = await callApi(hub.url, bo, 'reconciliation-list', { offerId: offer.id });
    expect(items.items).toHaveLength(1);
    const item = items.items[0];
    expect(item).toMatchObject({
      status: 'RESOLVED',
      tillId: 'S-DEL-T1',
      resolvedBy: 'backoffice',
    });

    // The reversal counts: one redemption stands on the hub's ledger.
    const ledger = await callApi(hub.url, bo, 'redemptions-list', { offerId: offer.id });
    expect(ledger.items.map((r) => [r.tillId, r.reversedAt === null]).sort()).toEqual(
      [
        ['S-DEL-T1', false],
        ['S-DEL-T2', true],
      ].sort(),
    );
    for (const p of [a, b, office]) await p.context().close();

    // And it is in the audit trail, read straight from the hub's database.
    await Promise.all(tills.map((t) => t.stop()));
    await hub.restart(async () => {
      const db = await openPglite({ dataDir: hub.dataDir });
      try {
        const rows = await db.query<{ actor: string; action: string; details: unknown }>(
          `SELECT actor, action, details FROM audit_log
            WHERE entity_type = 'reconciliation_item' AND entity_id = $1`,
          [item?.id ?? ''],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actor: 'backoffice',
          action: 'reconciliation.reverse_redemption',
          details: expect.objectContaining({ reason, reversed: true }),
        });
      } finally {
        await db.close();
      }
    });
  } finally {
    await Promise.all(tills.map((t) => t.stop()));
    await proxy.close();
  }
});
