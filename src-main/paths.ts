import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Built layout (electron-vite): out/main/{index,backend}.js, out/preload/index.cjs, out/renderer/. */
const mainDir = dirname(fileURLToPath(import.meta.url));

export const appPaths = {
  preload: join(mainDir, '..', 'preload', 'index.cjs'),
  backend: join(mainDir, 'backend.js'),
  rendererDir: join(mainDir, '..', 'renderer'),
  rendererHtml: join(mainDir, '..', 'renderer', 'index.html'),
};
