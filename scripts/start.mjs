#!/usr/bin/env node
// `npm start`: the Electron app when this machine can show it; otherwise the headless app
// (same as `npm run serve`), saying why. Extra arguments (e.g. `-- --demo`) pass through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const extraArgs = process.argv.slice(2);

/** The Electron executable, or null when its binary was never downloaded. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function fetchElectron() {
  console.log(
    'The Electron binary is missing; trying to fetch it (node node_modules/electron/install.js)…',
  );
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron', 'install.js')],
    {
      cwd: root,
      stdio: 'inherit',
      timeout: 300_000,
    },
  );
  return result.status === 0 ? electronBinary() : null;
}

const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
};

/** True when an output is missing or older than the sources it is built from. */
function needsBuild() {
  const outputs = [
    'out/main/index.js',
    'out/main/backend.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
  ].map((p) => join(root, p));
  if (!outputs.every((p) => existsSync(p))) return true;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const sources = ['src-main', 'src-renderer', 'src-shared']
    .map((d) => join(root, d))
    .filter(existsSync);
  return Math.max(...sources.map(newest)) > built;
}

async function headless(reason) {
  console.log(
    `${reason}\nStarting the headless app instead (same as \`npm run serve\`): open the URL below in a browser.`,
  );
  await serve(extraArgs);
}

async function main() {
  const noDisplay =
    process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  let binary = electronBinary();
  if (!binary && !noDisplay) binary = fetchElectron();
  if (!binary) {
    return headless(
      noDisplay
        ? 'The Electron binary is not installed and this machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set).'
        : 'The Electron binary could not be fetched (is there a network connection to its download site?).',
    );
  }
  if (noDisplay) {
    return headless(
      'This machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the Electron window cannot open.',
    );
  }
  if (needsBuild()) {
    console.log('Building the app (electron-vite build)…');
    build();
  }
  const child = spawn(binary, [root, ...extraArgs], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
