import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  // #shared, #server and #main are package.json imports (Node resolves them too); the
  // renderer's .tsx files need an alias, as in electron.vite.config.ts and tsconfig.web.json.
  resolve: {
    alias: [
      {
        find: /^#renderer\//,
        replacement: fileURLToPath(new URL('./src-renderer/', import.meta.url)),
      },
    ],
  },
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
