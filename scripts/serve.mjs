#!/usr/bin/env node
// `npm run serve [-- --demo --port P --data DIR]`: the till without Electron. Builds the UI on
// first use, then runs `counterfoil till` on .data/till, port 8787, serving the UI and the API.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** electron-vite build (main, preload and renderer); throws when it fails. */
export function build() {
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed (see above)');
}

/** Runs the headless till in this process; resolves only when it stops. */
export async function serve(extraArgs = []) {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    console.log('The UI is not built yet; building it once (npm run build)…');
    build();
  }
  // Later flags win, so `npm run serve -- --port 9000` overrides the default port.
  const args = ['till', '--data', join(root, '.data', 'till'), '--port', '8787', ...extraArgs];
  const { launch } = await import(pathToFileURL(join(root, 'bin', 'launch.mjs')).href);
  process.exitCode = await launch(args);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  serve(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
