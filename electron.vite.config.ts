import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * The CSP meta tag in src-renderer/index.html is for the built app. Vite's dev server injects
 * an inline React Refresh preamble and uses a websocket, which it would block: dev drops it.
 */
const dropCspInDev = {
  name: 'counterfoil:drop-csp-in-dev',
  apply: 'serve' as const,
  transformIndexHtml: (html: string): string =>
    html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

/**
 * The renderer's own folders by name (#renderer/ui/Table), as tsconfig.web.json says; the
 * e2e build (test/e2e/support/global-setup.ts) and vitest use the same.
 */
export const rendererResolve = {
  alias: [
    { find: /^#renderer\//, replacement: `${resolve(import.meta.dirname, 'src-renderer')}/` },
  ],
};

export const config = defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/index.ts'),
          backend: resolve('src-main/backend/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/preload.ts') },
        // Sandboxed preloads cannot be ES modules: one CommonJS file that requires only electron.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), dropCspInDev],
    resolve: rendererResolve,
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});

// electron-vite loads the default export of its config file.
export default config;
