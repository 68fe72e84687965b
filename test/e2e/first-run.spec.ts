import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, unique } from './support/api';
import { removeDataDir } from './support/app-process';
import { expectAccessible } from './support/axe';
import { startCli, type CliProcess } from './support/cli-process';
import { expect, test } from './support/hub';

/** A till started as a new install would be: no --demo, no --hub, an empty data folder. */
const freshTill = async (): Promise<CliProcess & { dataDir: string }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterfoil-e2e-fresh-'));
  const proc = await startCli([
    'till',
    '--data',
    dataDir,
    '--port',
    '0',
    // Used once the screen enrols it: quick rounds, and patience on a busy machine.
    '--sync-interval',
    '1000',
    '--hub-timeout',
    '10000',
  ]);
  return {
    ...proc,
    dataDir,
    stop: async () => {
      await proc.stop();
      removeDataDir(dataDir);
    },
  };
};

test('a new till opens on first run and makes its first admin, never a dead-end sign-in', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const till = await freshTill();
  try {
    await page.goto(till.url);
    await expect(page.getByRole('heading', { name: 'Set up this till' })).toBeVisible();
    await expectAccessible(page, 'first run');
    await page.getByLabel(/Standalone: create the first admin/).check();
    await page.getByLabel('Admin username').fill('owner');
    await page.getByLabel('Password', { exact: true }).fill('123456654321');
    await page.getByLabel('Password again').fill('123456654321');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    // The policy's refusal, next to the field it is about, in words.
    await expect(page.getByText(/one of the 10,000 most common passwords/).first()).toBeVisible();
    await expectAccessible(page, 'first run, the first admin refused');

    await page.getByLabel('Password', { exact: true }).fill('tin roof rusted owl');
    await page.getByLabel('Password again').fill('tin roof rusted owl');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.getByText('owner · Admin')).toBeVisible();

    // Signed out, the till asks for a sign-in now (someone exists), and the admin's works.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Counterfoil' })).toBeVisible();
    await page.goto(`${till.url}/#/setup`);
    await expect(page.getByLabel('Username')).toBeVisible();
  } finally {
    await till.stop();
  }
});

test('a till enrolled from its first-run screen follows the hub: its till is known and offers arrive', async ({
  page,
  hub,
}) => {
  test.setTimeout(300_000);
  const admin = await hub.token('admin');
  const tillId = `S-DEL-E2E-${unique()}`;
  const { code } = await callApi(hub.url, admin, 'sync-enrolments-create', {
    tillId,
    storeId: 'S-DEL',
  });
  const till = await freshTill();
  try {
    await page.goto(till.url);
    await expect(page.getByRole('heading', { name: 'Set up this till' })).toBeVisible();
    // A wrong code is refused by the hub, said next to the code.
    await page.getByLabel('Hub address').fill(hub.url);
    await page.getByLabel('Enrolment code').fill('WRONG-CODE1');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByText(/The hub did not accept the enrolment code/)).toBeVisible();
    await expectAccessible(page, 'first run, an enrolment code refused');

    await page.getByLabel('Enrolment code').fill(code);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByText(`Connected to the hub at ${hub.url}`)).toBeVisible();
    await expectAccessible(page, 'first run, connected to the hub');

    // An offer made at the hub after enrolling reaches this till.
    const bo = await hub.token('back_office');
    const name = `E2E first run ${unique()}`;
    await callApi(hub.url, bo, 'offers-create', {
      name,
      expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 9 * 86_400_000).toISOString() },
      discount: { type: 'FIXED', amount: '75', currency: 'INR' },
      codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
      redemption: { allowAnyone: true, codeLimit: 1 },
      syncToInStore: { enabled: true, scope: [] },
    });

    // The cashier lands on the till it was enrolled as; nobody asks which till this is.
    const cashier = hub.credentials('cashier');
    await page.getByLabel('Username').fill(cashier.username);
    await page.getByLabel('Password').fill(cashier.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: /^Till · / })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText('Which till is this?')).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign out' }).click();

    const backOffice = hub.credentials('back_office');
    await page.getByLabel('Username').fill(backOffice.username);
    await page.getByLabel('Password').fill(backOffice.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect
      .poll(
        async () => {
          await page.goto(`${till.url}/#/offers`);
          return page.getByText(name).count();
        },
        { timeout: 90_000, intervals: [2000] },
      )
      .toBeGreaterThan(0);
  } finally {
    await till.stop();
  }
});
