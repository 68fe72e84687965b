import { expectAccessible } from './support/axe';
import { expect, signIn, test } from './support/fixtures';

test('each role sees only what it may do', async ({ page, app }) => {
  await signIn(page, app, 'cashier');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Till']);
  await expect(page.getByTestId('connection-badge')).toHaveText(/Online/);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, app, 'store_manager');
  // A manager starts on Store sync, first in the navigation.
  await expect(nav.getByRole('link')).toHaveText(['Store sync', 'Till', 'Member care']);
  await expect(page.getByRole('heading', { name: 'Store sync', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, app, 'back_office');
  await expect(nav.getByRole('link')).toHaveText([
    'Offers',
    'Member care',
    'Till',
    'Store sync',
    'Reconciliation',
    'Audit trail',
  ]);
  await expect(page.getByRole('heading', { name: 'Offers' })).toBeVisible();
});

test('a wrong password shows the API’s message and no session', async ({ page, app }) => {
  await page.goto(`${app.baseURL}/#/sign-in`);
  await expect(page.getByLabel('Username')).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('Username').fill('cashier');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).not.toHaveText(/^\s*$/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expectAccessible(page, 'sign-in refused');
});

test('a cashier who types an offers address is told the role may not', async ({ page, app }) => {
  await signIn(page, app, 'cashier');
  await page.goto(`${app.baseURL}/#/offers`);
  await expect(page.getByRole('alert')).toContainText('may not use offers');
  await expectAccessible(page, 'a screen the role may not use');
  await page.goto(`${app.baseURL}/#/no-such-screen`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'not found');
});
