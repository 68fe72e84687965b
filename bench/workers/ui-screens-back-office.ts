/**
 * The back-office screens around an offer (uploads, revoke, claim) and the org-wide ones (store
 * sync, reconciliation, member care). Inputs that would change data for good stop short of
 * submitting, except an upload of a small customer file and a sync switch flipped and back.
 */
import type { Page } from '@playwright/test';
import { expectUi as expect, type Recorder } from './ui-recorder';

export type BackOfficePlan = {
  url: string;
  /** An offer to upload customers to and open the revoke screen of. */
  offerId: string;
  /** An offer nobody has claimed yet. */
  unclaimedId: string;
  /** A demo offer's name to find on the store-sync screen. */
  syncOfferName: string;
  /** A demo customer's user id for member care. */
  userId: string;
  rounds: number;
};

/** Focuses a select and steps its value with the arrow keys, each step timed. */
async function stepSelect(
  page: Page,
  rec: Recorder,
  key: string,
  label: string,
  steps: number,
): Promise<void> {
  await page.getByLabel(label, { exact: true }).focus();
  for (let i = 0; i < steps; i++) {
    await rec.input(key, page, () => page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowUp'));
  }
}

export async function uploadsScreen(
  page: Page,
  rec: Recorder,
  plan: BackOfficePlan,
): Promise<void> {
  await page.goto(`${plan.url}/#/offers/${plan.offerId}/uploads`);
  await stepSelect(page, rec, 'uploads.select', 'What the file contains', plan.rounds * 2);
  await page.getByLabel('What the file contains').selectOption('CUSTOMERS');
  const rows = Array.from({ length: 50 }, (_, i) => String(100_001 + (i % 50)));
  await page.getByLabel('CSV file').setInputFiles({
    name: 'bench-customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['userId', ...rows].join('\n') + '\n'),
  });
  const proceed = page.getByRole('button', { name: 'Proceed to upload' });
  await proceed.hover();
  const sent = await rec.input('uploads.proceed', page, () => proceed.click());
  await rec.shownAfter('uploads.done', sent, () =>
    expect(page.getByRole('progressbar')).toHaveAttribute('value', '100', { timeout: 60_000 }),
  );
}

export async function revokeScreen(page: Page, rec: Recorder, plan: BackOfficePlan): Promise<void> {
  await page.goto(`${plan.url}/#/offers/${plan.offerId}/revoke`);
  const modes = ['For specific customers', 'Only unissued coupons'];
  for (let i = 0; i < plan.rounds * 2; i++) {
    const radio = page.getByLabel(modes[i % 2] as string);
    await rec.input('revoke.mode', page, () => radio.click());
  }
  const understood = page.getByLabel(
    'I understand that revoking coupons will make them unredeemable',
  );
  for (let i = 0; i < plan.rounds * 2; i++) {
    await rec.input('revoke.confirm', page, () => understood.click());
  }
}

export async function claimScreen(page: Page, rec: Recorder, plan: BackOfficePlan): Promise<void> {
  await page.goto(`${plan.url}/#/offers/${plan.unclaimedId}/claim`);
  const kinds = ['Outbound campaign', 'Loyalty program', 'Timeline campaign'];
  for (let i = 0; i < plan.rounds * 2; i++) {
    const radio = page.getByLabel(kinds[i % kinds.length] as string);
    await rec.input('claims.kind', page, () => radio.click());
  }
  await page.getByLabel('Outbound campaign').click();
  await rec.type('claims.typeText', page, page.getByLabel('Campaign id'), 'winback-bench-2026');
  await rec.type('claims.typeText', page, page.getByLabel('Name', { exact: true }), 'Win-back');
}

export async function storeSyncScreen(
  page: Page,
  rec: Recorder,
  plan: BackOfficePlan,
): Promise<void> {
  await page.goto(`${plan.url}/#/store-sync`);
  await stepSelect(page, rec, 'storeSync.store', 'Store', plan.rounds * 2);
  const search = page.getByLabel('Search active offers');
  const typed = await rec.type('storeSync.search', page, search, plan.syncOfferName.slice(0, 12));
  const toggle = page.getByRole('switch', { name: `Sync ${plan.syncOfferName} to this store` });
  await rec.shownAfter('storeSync.searchResults', typed, () => expect(toggle).toBeVisible());
  for (let i = 0; i < plan.rounds * 2; i++) {
    await expect(toggle).toBeEnabled({ timeout: 30_000 });
    await rec.input('storeSync.toggle', page, () => toggle.click());
  }
  await expect(toggle).toBeEnabled({ timeout: 30_000 });
}

export async function reconciliationScreen(
  page: Page,
  rec: Recorder,
  plan: BackOfficePlan,
): Promise<void> {
  await page.goto(`${plan.url}/#/reconciliation`);
  await expect(page.getByLabel('Status')).toBeVisible();
  await stepSelect(page, rec, 'reconciliation.filter', 'Status', plan.rounds * 2);
  await stepSelect(page, rec, 'reconciliation.filter', 'Verdict', plan.rounds * 2);
  await stepSelect(page, rec, 'reconciliation.filter', 'Store', plan.rounds * 2);
}

export async function memberCareScreen(
  page: Page,
  rec: Recorder,
  plan: BackOfficePlan,
): Promise<void> {
  await page.goto(`${plan.url}/#/member-care`);
  await page.getByLabel('Identifier').selectOption('userId');
  const customer = page.getByLabel('Customer', { exact: true });
  await rec.type('memberCare.typeCustomer', page, customer, plan.userId);
  const find = page.getByRole('button', { name: 'Find coupons' });
  for (let i = 0; i < plan.rounds; i++) {
    await find.hover();
    const sent = await rec.input('memberCare.find', page, () => find.click());
    // Later rounds find the table already there, so only the first says when results show.
    if (i === 0) {
      await rec.shownAfter('memberCare.results', sent, () =>
        expect(page.getByRole('cell').first()).toBeVisible(),
      );
    } else {
      await expect(find).toBeEnabled();
    }
  }
}
