import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive real headless Chromium (the Debian package, never a downloaded one)
 * against the headless till app: the built renderer and the API on one port. Each worker
 * starts its own app on a temporary data directory (test/e2e/support/fixtures.ts).
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/support/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // The machine has two cores shared with everything else: one browser, one app at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1024, height: 768 },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
