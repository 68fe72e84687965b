import { defineConfig } from 'vitest/config';
import { rendererResolve } from './electron.vite.config';

export const config = defineConfig({
  // #shared, #server and #main are package.json imports (Node resolves them too); the
  // renderer's .tsx files need the alias electron.vite.config.ts gives its build.
  resolve: rendererResolve,
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});

// vitest loads the default export of its config file.
export default config;
