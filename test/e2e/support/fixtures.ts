import { test as base, expect, type Page } from '@playwright/test';
import { apiToken, demoCredentials, type Credentials, type DemoRole } from './api';
import { removeDataDir, startApp, type AppProcess } from './app-process';

type App = AppProcess & {
  /** Stops the app and starts it again on the same data directory and port. */
  restart: () => Promise<void>;
  token: (role: DemoRole) => Promise<string>;
  credentials: (role: DemoRole) => Credentials;
};

/** One app per worker, shared by its tests; each test makes its own uniquely named data. */
export const test = base.extend<object, { app: App }>({
  app: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      let proc = await startApp();
      const app: App = {
        get baseURL() {
          return proc.baseURL;
        },
        get dataDir() {
          return proc.dataDir;
        },
        get port() {
          return proc.port;
        },
        log: () => proc.log(),
        stop: () => proc.stop(),
        restart: async () => {
          await proc.stop();
          proc = await startApp({ dataDir: proc.dataDir, port: proc.port });
        },
        token: (role) => apiToken(proc.baseURL, demoCredentials(role, proc.log())),
        credentials: (role) => demoCredentials(role, proc.log()),
      };
      await use(app);
      await proc.stop();
      removeDataDir(proc.dataDir);
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect };

/** Signs in through the screen and waits for the role's start screen. */
export const signIn = async (page: Page, app: App, role: DemoRole): Promise<void> => {
  // Every test has a fresh browser context, so nobody is signed in yet.
  await page.goto(`${app.baseURL}/#/sign-in`);
  const { username, password } = app.credentials(role);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
};
