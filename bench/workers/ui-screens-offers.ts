/**
 * The offers dashboard over the seeded offers (search as you type, active-only, sort, scroll),
 * an offer's details tabs and the offer editor's fields.
 */
import type { Page } from '@playwright/test';
import { startFrames, stopFrames } from './ui-probe';
import { expectUi as expect, type Recorder } from './ui-recorder';

export type OffersPlan = { url: string; offers: number; toggles: number; wheels: number };

export async function offersDashboard(page: Page, rec: Recorder, plan: OffersPlan): Promise<void> {
  await page.goto(`${plan.url}/#/offers`);
  const status = page.locator('.filters__count');
  await expect(status).toHaveText(/\d offers$/, { timeout: 60_000 });
  const all = (await status.textContent()) ?? '';
  if (!/\d/.test(all)) throw new Error(`the dashboard shows no count: "${all}"`);
  const firstRow = page.getByTestId('offers-scroll').getByRole('row').first();
  await expect(firstRow).not.toHaveText('Loading…');

  // Search as you type: every key must paint at once; results follow the 250 ms debounce.
  const search = page.getByLabel('Search by name');
  for (const term of ['diwali bench offer 12', 'monsoon']) {
    const typed = await rec.type('offers.searchType', page, search, term);
    await rec.shownAfter('offers.searchResults', typed, async () => {
      await expect(status).not.toHaveText(all);
      await expect(status).toHaveText(/\d offers$/);
    });
    await search.focus();
    await rec.input('offers.searchType', page, () => page.keyboard.press('Control+A'));
    await rec.input('offers.searchType', page, () => page.keyboard.press('Backspace'));
    await expect(status).toHaveText(all, { timeout: 30_000 });
  }

  const active = page.getByLabel('Active offers only');
  for (let i = 0; i < plan.toggles; i++) {
    const sent = await rec.input('offers.activeOnly', page, () => active.click());
    await rec.shownAfter('offers.activeOnly', sent, () => expect(status).toHaveText(/\d offers$/));
  }
  if (await active.isChecked()) await active.click();

  const sort = page.getByLabel('Sort by');
  await sort.focus();
  for (let i = 0; i < plan.toggles; i++) {
    const sent = await rec.input('offers.sort', page, () =>
      page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowUp'),
    );
    await rec.shownAfter('offers.sort', sent, () => expect(firstRow).not.toHaveText('Loading…'));
  }

  // Scrolling: wheel steps as a trackpad sends them, then jumps far down (new pages to load).
  const scroller = page.getByTestId('offers-scroll');
  const box = await scroller.boundingBox();
  if (!box) throw new Error('the offers table has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await startFrames(page);
  for (let i = 0; i < plan.wheels; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
  // Far jumps land on pages not loaded yet: their rows show "Loading…" until the API answers.
  const jumps = Math.max(2, Math.round(plan.wheels / 20));
  for (let i = 0; i < jumps; i++) {
    const sentAt = performance.now();
    await page.mouse.wheel(0, 44 * Math.round(plan.offers / (jumps + 2)));
    await rec.shownAfter('offers.scrollJumpRowsLoaded', sentAt, async () => {
      // The placeholders first (unless the page came back before we looked), then the rows.
      await scroller
        .getByText('Loading…')
        .first()
        .waitFor({ timeout: 2_000 })
        .catch(() => undefined);
      await expect(scroller.getByText('Loading…')).toHaveCount(0);
    });
  }
  rec.frames('offers.scroll', await stopFrames(page));
}

export async function offerDetails(
  page: Page,
  rec: Recorder,
  url: string,
  offerId: string,
  rounds: number,
): Promise<void> {
  await page.goto(`${url}/#/offers/${offerId}`);
  await expect(page.getByRole('tab', { name: 'Configuration' })).toBeVisible();
  for (let i = 0; i < rounds; i++) {
    for (const name of ['Information', 'Notifications', 'Configuration']) {
      const tab = page.getByRole('tab', { name });
      await tab.hover();
      await rec.input('details.tab', page, () => tab.click());
      await expect(page.getByRole('tabpanel')).toBeVisible();
    }
  }
}

export async function offerEditor(
  page: Page,
  rec: Recorder,
  url: string,
  offerId: string,
  rounds: number,
): Promise<void> {
  await page.goto(`${url}/#/offers/new`);
  const name = page.getByLabel('Offer name');
  await rec.type('editor.typeText', page, name, 'Bench weekend special 15% off');
  const discount = page.getByLabel('Discount value');
  await discount.focus();
  await rec.input('editor.select', page, () => page.keyboard.press('ArrowDown'));
  const percent = page.getByLabel('Percent off');
  if (await percent.isVisible()) await rec.type('editor.typeText', page, percent, '15');
  const advanced = page.getByText('Advanced settings');
  for (let i = 0; i < rounds; i++) {
    await rec.input('editor.toggle', page, () => advanced.click());
  }
  if (
    (await page.locator('details[open] > summary', { hasText: 'Advanced settings' }).count()) === 0
  ) {
    await advanced.click();
  }
  const monday = page.getByLabel('Mon', { exact: true });
  for (let i = 0; i < rounds; i++) await rec.input('editor.toggle', page, () => monday.click());

  // Editing an existing offer: the form is filled from it.
  await page.goto(`${url}/#/offers/${offerId}/edit`);
  const existing = page.getByLabel('Offer name');
  await expect(existing).not.toHaveValue('');
  await existing.press('End');
  await rec.type('editor.typeText', page, existing, ' (edited)');
}
