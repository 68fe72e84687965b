import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { rendererResolve } from '../../../electron.vite.config';

/**
 * Builds the renderer into out/renderer, where the headless app serves it from. Only the
 * renderer: the Electron main bundles are not needed to run the app headless.
 * E2E_SKIP_BUILD=1 reuses an existing build.
 */
// Playwright loads a global setup file's default export.
// eslint-disable-next-line no-restricted-syntax
export default async function globalSetup(): Promise<void> {
  const outDir = resolve('out/renderer');
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(resolve(outDir, 'index.html'))) return;
  await build({
    root: resolve('src-renderer'),
    base: './',
    plugins: [react()],
    resolve: rendererResolve,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}
