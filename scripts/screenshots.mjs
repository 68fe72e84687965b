#!/usr/bin/env node
// Drives headless Chromium through every screen at 1024×768 and writes docs/screens/<screen>.png.
//
//   node scripts/screenshots.mjs               build the renderer, start a demo till app, shoot
//   node scripts/screenshots.mjs --url URL     shoot a running app (demo users must exist)
//   node scripts/screenshots.mjs --no-build    reuse out/renderer
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = resolve('docs/screens');
const viewport = { width: 1024, height: 768 };

const freePort = () =>
  new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });

const buildRenderer = async () => {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    root: resolve('src-renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: resolve('out/renderer'), emptyOutDir: true },
  });
};

const startApp = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterfoil-shots-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(
    process.execPath,
    [resolve('bin/counterfoil.mjs'), 'till', '--data', dataDir, '--port', String(port), '--demo'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (b) => (log += b));
  child.stderr.on('data', (b) => (log += b));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited early:\n${log}`);
    if (Date.now() > deadline) throw new Error(`the app did not start:\n${log}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop };
};

/** Minimal API caller for seeding (the screens themselves are what is photographed). */
const api = (base) => {
  const call = async (method, path, token, body, type = 'application/json') => {
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = type;
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body:
        body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return text.startsWith('{') ? JSON.parse(text) : text;
  };
  return call;
};

const users = {
  cashier: ['cashier', 'cashier123!'],
  back_office: ['backoffice', 'backoffice123!'],
  store_manager: ['manager', 'manager123!'],
};

const seed = async (call) => {
  const { token } = await call('POST', '/auth/login', null, {
    username: users.back_office[0],
    password: users.back_office[1],
  });
  const { items: org } = await call('GET', '/org', token);
  // The till screen offers the cashier's own store first: seed offers in its currency.
  const { user: cashier } = await call('POST', '/auth/login', null, {
    username: users.cashier[0],
    password: users.cashier[1],
  });
  const store = org.find(
    (e) => e.type === 'STORE' && (!cashier.storeIds || cashier.storeIds.includes(e.id)),
  );
  const till = org.find((e) => e.type === 'TILL' && e.parentId === store?.id);
  const currency = store?.currency ?? 'INR';
  const in30 = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const offer = await call('POST', '/offers', token, {
    name: 'Festive 20% off shoes',
    expiry: { type: 'FIXED_DATE', endsAt: in30 },
    discount: { type: 'PERCENT', percent: '20', maxDiscount: '500', maxDiscountCurrency: currency },
    applicability: {
      scope: 'SELECTED',
      categories: ['shoes'],
      brands: [],
      attributes: [],
      skus: [],
    },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
    redemption: { minBill: '500' },
    syncToInStore: { enabled: true, scope: [] },
  });
  await call('POST', '/offers', token, {
    name: 'Welcome ₹100 off',
    expiry: { type: 'FIXED_DATE', endsAt: in30 },
    discount: { type: 'FIXED', amount: '100', currency },
    codeGeneration: { method: 'COMMON', code: 'WELCOME100' },
  });
  const mobiles = [];
  for (let i = 0; i < 3; i++) {
    const mobile = `98${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    mobiles.push(mobile);
    await call('POST', '/customers', token, {
      mobile,
      name: ['Asha Rao', 'Vikram Shah', 'Meera Iyer'][i],
      registeredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
  }
  const coupons = [];
  for (const mobile of mobiles) {
    const r = await call('POST', `/offers/${offer.id}/coupons`, token, { customer: { mobile } });
    coupons.push(r.coupon.code);
  }
  const csv = `mobile\n${mobiles.join('\n')}\n12345\nnot-a-number\n`;
  const upload = await call(
    'POST',
    `/offers/${offer.id}/uploads?kind=CUSTOMERS&fileName=festive-audience.csv`,
    token,
    csv,
    'text/csv',
  );
  for (let i = 0; i < 40; i++) {
    const u = await call('GET', `/uploads/${upload.id}`, token);
    if (u.status === 'DONE' || u.status === 'FAILED') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (store && till) {
    await call('POST', '/redemptions', token, {
      code: coupons[0],
      customer: { mobile: mobiles[0] },
      billAmount: '1800.00',
      currency,
      storeId: store.id,
      tillId: till.id,
      items: [{ sku: 'SH-001', category: 'shoes', price: '1800.00', qty: 1 }],
      clientId: crypto.randomUUID(),
    }).catch((e) => console.warn(`seed redemption skipped: ${e.message}`));
  }
  return { offer, mobiles, coupons };
};

const main = async () => {
  mkdirSync(outDir, { recursive: true });
  let url = option('--url');
  let stop = async () => {};
  if (!url) {
    if (!flag('--no-build')) await buildRenderer();
    ({ url, stop } = await startApp());
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const written = [];
  try {
    const data = await seed(api(url));
    const shoot = async (page, name) => {
      await page.waitForLoadState('networkidle').catch(() => {});
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(outDir, `${name}.png`) });
      written.push(name);
    };
    const session = async (role) => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
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
      await page.goto(`${url}/#/sign-in`);
      await shoot(page, 'sign-in');
      await context.close();
    }
    // Till: setup, a refused code, a valid one, a receipt.
    {
      const { context, page } = await session('cashier');
      await shoot(page, 'till-setup');
      await page.getByRole('button', { name: 'Use this till' }).click();
      await page.getByLabel('Value').fill(data.mobiles[1]);
      await page.getByLabel('Value').press('Enter');
      await page.getByLabel('Bill amount').fill('300');
      await page.getByLabel('Coupon code').fill(data.coupons[1]);
      await page.getByLabel('Coupon code').press('Enter');
      await page.getByTestId('validation-refused').waitFor();
      await shoot(page, 'till-refused');
      await page.getByRole('button', { name: '+ Add line' }).click();
      await page.getByLabel('Line 1 SKU').fill('SH-204');
      await page.getByLabel('Line 1 category').fill('shoes');
      await page.getByLabel('Line 1 price').fill('2400.00');
      await page.getByRole('button', { name: /Use lines total/ }).click();
      await page.getByLabel('Coupon code').press('Enter');
      await page.getByTestId('validation-ok').or(page.getByTestId('validation-refused')).waitFor();
      await shoot(page, 'till-valid');
      if (await page.getByTestId('validation-ok').isVisible()) {
        await page.keyboard.press('F9');
        await page.getByTestId('receipt').waitFor();
        await shoot(page, 'till-receipt');
      }
      await context.close();
    }
    // Back office screens.
    {
      const { context, page } = await session('back_office');
      await shoot(page, 'offers-dashboard');
      await page.goto(`${url}/#/offers/new`);
      await page.getByLabel('Offer name').fill('Summer randomized codes');
      await page.getByLabel('How to create the coupon codes?').selectOption('RANDOMIZED_COMMON');
      await page.getByLabel('Sample common code').fill('SUMMER1234');
      await shoot(page, 'offer-create');
      await page.getByText('Advanced settings').click();
      await page.getByRole('group', { name: 'Days of the week' }).scrollIntoViewIfNeeded();
      await shoot(page, 'offer-create-advanced');
      await page.getByRole('button', { name: 'Preview and save' }).click();
      await page.getByRole('dialog').waitFor();
      await shoot(page, 'offer-preview');
      await page.getByRole('button', { name: 'Back to editing' }).click();
      await page.goto(`${url}/#/offers/${data.offer.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shoot(page, 'offer-details');
      await page.getByRole('tab', { name: 'Information' }).click();
      await shoot(page, 'offer-information');
      await page.locator('#timeline-title').evaluate((el) => el.scrollIntoView());
      await shoot(page, 'offer-timeline');
      await page.goto(`${url}/#/offers/${data.offer.id}/edit`);
      await page.getByLabel('Offer name').waitFor();
      await shoot(page, 'offer-edit');
      await page.goto(`${url}/#/offers/${data.offer.id}/uploads`);
      await page.getByRole('heading', { name: 'Uploads' }).waitFor();
      await shoot(page, 'uploads');
      await page.goto(`${url}/#/offers/${data.offer.id}/revoke`);
      await page.getByLabel('For specific customers').check();
      await shoot(page, 'revoke');
      await page.goto(`${url}/#/offers/${data.offer.id}/claim`);
      await shoot(page, 'claim');
      await page.goto(`${url}/#/member-care`);
      await page.getByLabel('Customer').fill(data.mobiles[0]);
      await page.getByRole('button', { name: 'Find coupons' }).click();
      await page
        .getByRole('table')
        .waitFor()
        .catch(() => {});
      await shoot(page, 'member-care');
      await page.goto(`${url}/#/reconciliation`);
      await shoot(page, 'reconciliation');
      await context.close();
    }
    // Store manager
    {
      const { context, page } = await session('store_manager');
      await page.goto(`${url}/#/store-sync`);
      await page.getByRole('table').waitFor();
      await shoot(page, 'store-sync');
      await context.close();
    }
  } finally {
    await browser.close();
    await stop();
  }
  console.log(`wrote ${written.length} screens to docs/screens: ${written.join(', ')}`);
};

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
