#!/usr/bin/env node
// Drives headless Chromium through every screen at 1366×768 and writes docs/screens/<screen>.png.
// It runs the real thing: a demo hub (back office, notifications, reconciliation) and a till
// that follows it through a link the script cuts to show the till offline and to make a
// reconciliation item.
//
//   node scripts/screenshots.mjs               build the renderer, start hub and till, shoot
//   node scripts/screenshots.mjs --no-build    reuse out/renderer
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { register } from 'tsx/esm/api';
import {
  api,
  startCuttableLink,
  startHub,
  startSmsSink,
  startTill,
  waitUntil,
} from './screenshots-env.mjs';
import { login, seed, users } from './screenshots-seed.mjs';
import { shootTill } from './screenshots-till.mjs';

const args = process.argv.slice(2);
const outDir = resolve('docs/screens');
const viewport = { width: 1366, height: 768 };

const buildRenderer = async () => {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  // The renderer's #renderer alias lives in the (TypeScript) electron-vite config.
  register();
  const { rendererResolve } = await import('../electron.vite.config.ts');
  await build({
    root: resolve('src-renderer'),
    base: './',
    plugins: [react()],
    resolve: rendererResolve,
    logLevel: 'warn',
    build: { outDir: resolve('out/renderer'), emptyOutDir: true },
  });
};

const main = async () => {
  mkdirSync(outDir, { recursive: true });
  if (!args.includes('--no-build')) await buildRenderer();
  const sms = await startSmsSink();
  const hub = await startHub(sms.url);
  const link = await startCuttableLink(hub.url);
  const till = await startTill(link.url, hub.enrolment('S-DEL-T1'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const written = [];
  try {
    const atHub = api(hub.url);
    const atTill = api(till.url);
    const data = await seed(atHub);
    // The till has the offer's coupons before the cashier starts.
    await waitUntil('the till to receive the coupons', async () => {
      const { token } = await login(atTill, 'cashier');
      const r = await atTill('GET', `/coupons/${data.coupons[2].code}`, token);
      return r.items.length > 0;
    });
    const shoot = async (page, name) => {
      await page.waitForLoadState('networkidle').catch(() => {});
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(outDir, `${name}.png`) });
      written.push(name);
    };
    const session = async (url, role) => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      // The machine running this may be busy: be patient with each step.
      page.setDefaultTimeout(60_000);
      await page.goto(`${url}/#/sign-in`);
      await page.getByLabel('Username').fill(users[role][0]);
      await page.getByLabel('Password').fill(users[role][1]);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return { context, page };
    };

    // Sign-in
    {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${till.url}/#/sign-in`);
      await shoot(page, 'sign-in');
      await context.close();
    }
    // Till: setup, a code waiting for its bill, refused and valid codes, a receipt, the
    // reversal dialog; then offline (scripts/screenshots-till.mjs).
    await shootTill({ session, shoot, till, link, data });
    // Meanwhile the same code is used at the other till, online: a reconciliation item once
    // the first till's redemption reaches the hub.
    await data.redeem(data.coupons[2].code, data.mobiles[2], data.tills[1].id);
    link.setCut(false);
    await waitUntil('the offline redemption to reach the hub', async () => {
      const r = await atHub('GET', '/reconciliation?status=OPEN', data.token);
      return r.total > 0;
    });

    // Back office, at the hub.
    {
      const { context, page } = await session(hub.url, 'back_office');
      await shoot(page, 'offers-dashboard');
      await page.goto(`${hub.url}/#/offers/new`);
      await page.getByLabel('Offer name').fill('Summer randomized codes');
      await page.getByLabel('How to create the coupon codes?').selectOption('RANDOMIZED_COMMON');
      await page.getByLabel('Sample common code').fill('SUMMER1234');
      await shoot(page, 'offer-create');
      await page.getByText('Advanced settings').click();
      await page.getByRole('group', { name: 'Days of the week' }).scrollIntoViewIfNeeded();
      await shoot(page, 'offer-create-advanced');
      // Reminders: one by SMS with a rupee sign (the check says it needs Unicode), one email.
      await page.getByRole('button', { name: '+ Reminder' }).click();
      await page.getByRole('button', { name: '+ Reminder' }).click();
      await page
        .getByLabel('Reminder 1 message', { exact: true })
        .fill('Hi {customer_name}, ₹200 off with {code} till {expiry_date}');
      await page.locator('[id="issuance.expiryReminders.1.channel"]').selectOption('EMAIL');
      await page.getByLabel('SMS content for resending the coupon').check();
      await page
        .getByLabel('Resend SMS text', { exact: true })
        .fill('Your code {code} is valid till {expiry_date}');
      await page
        .getByRole('group', { name: 'Reminder 1', exact: true })
        .evaluate((el) => el.scrollIntoView());
      await shoot(page, 'offer-notifications-editor');
      await page.locator('[id="issuance.expiryReminders.0.allowUnicode"]').check();
      await page.getByRole('button', { name: 'Preview and save' }).click();
      await page.getByRole('dialog').waitFor();
      await shoot(page, 'offer-preview');
      await page.getByRole('button', { name: 'Back to editing' }).click();
      await page.goto(`${hub.url}/#/offers/${data.offer.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shoot(page, 'offer-details');
      await page.getByRole('tab', { name: 'Information' }).click();
      await shoot(page, 'offer-information');
      await page.getByRole('tab', { name: 'Notifications' }).click();
      await page.getByRole('button', { name: 'Sent (1)' }).waitFor({ timeout: 60_000 });
      await page.getByRole('tablist').evaluate((el) => el.scrollIntoView());
      await shoot(page, 'offer-notifications');
      await page.getByRole('button', { name: 'Sent (1)' }).click();
      await page.getByRole('button', { name: /^Resend #1$/ }).click();
      await shoot(page, 'offer-notifications-sent');
      await page.getByRole('tab', { name: 'Configuration' }).click();
      await page.locator('#timeline-title').evaluate((el) => el.scrollIntoView());
      await shoot(page, 'offer-timeline');
      await page.goto(`${hub.url}/#/offers/${data.offer.id}/edit`);
      await page.getByLabel('Offer name').waitFor();
      await shoot(page, 'offer-edit');
      await page.goto(`${hub.url}/#/offers/${data.offer.id}/uploads`);
      await page.getByRole('heading', { name: 'Uploads' }).waitFor();
      await shoot(page, 'uploads');
      await page.goto(`${hub.url}/#/offers/${data.offer.id}/revoke`);
      await page.getByLabel('For specific customers').check();
      await shoot(page, 'revoke');
      await page.goto(`${hub.url}/#/offers/${data.offer.id}/claim`);
      await shoot(page, 'claim');
      await page.goto(`${hub.url}/#/member-care`);
      await page.getByLabel('Customer', { exact: true }).fill(data.mobiles[3]);
      await page.getByRole('button', { name: 'Find coupons' }).click();
      await page.getByRole('table').waitFor();
      for (const button of await page.getByRole('button', { name: /^Resend SMS for / }).all()) {
        await button.click();
      }
      // Each resend answers in its row: sent, queued, or why not.
      const table = page.getByRole('table');
      await table.getByRole('status').or(table.getByRole('alert')).first().waitFor();
      await shoot(page, 'member-care');
      await page.goto(`${hub.url}/#/reconciliation`);
      await page.getByRole('article').first().waitFor();
      await page
        .getByRole('radio', { name: /Reverse the redemption/ })
        .first()
        .check();
      await page.getByLabel('Reason').first().fill('Second use during the outage');
      await shoot(page, 'reconciliation');
      await page.goto(`${hub.url}/#/audit`);
      await page.getByRole('table').first().waitFor();
      await shoot(page, 'audit');
      await context.close();
    }
    // Admin, at the hub: settings, the org's definitions and exchange rates.
    {
      const { context, page } = await session(hub.url, 'admin');
      await page.goto(`${hub.url}/#/settings`);
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await shoot(page, 'settings');
      await page.goto(`${hub.url}/#/org-definitions`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shoot(page, 'org-definitions');
      await page.goto(`${hub.url}/#/currency-rates`);
      await page.getByRole('heading', { name: 'Exchange rates', level: 1 }).waitFor();
      await shoot(page, 'currency-rates');
      await context.close();
    }
    // Store manager, at the till
    {
      // A manager lands on Store sync.
      const { context, page } = await session(till.url, 'store_manager');
      await page.getByRole('table').first().waitFor();
      await shoot(page, 'store-sync');
      await context.close();
    }
    // Syncing an offer that does not fit the store asks first, saying why. Shot at the hub,
    // which lists every active offer (a till holds only the offers synced to its store).
    {
      const { context, page } = await session(hub.url, 'store_manager');
      await page.getByLabel('Show').selectOption({ label: 'Every active offer' });
      await page.getByLabel('Search active offers').fill('weekly basket');
      const other = page.getByRole('switch', { name: /AED 25 weekly basket to this store$/ });
      if (await other.isChecked()) {
        await other.click();
        await page
          .getByRole('switch', { name: /AED 25 weekly basket to this store$/, checked: false })
          .waitFor();
      }
      await other.click();
      await page.getByRole('dialog').waitFor();
      await shoot(page, 'store-sync-warning');
      await context.close();
    }
  } finally {
    await browser.close();
    await till.stop();
    await link.close();
    await hub.stop();
    await sms.close();
  }
  console.log(`wrote ${written.length} screens to docs/screens: ${written.join(', ')}`);
};

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
