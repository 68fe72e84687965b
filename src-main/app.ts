import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, utilityProcess } from 'electron';
import type { PushEmit } from '#shared/api/push-events';
import { forwardBackendOptions } from './backend/args';
import { createBackendLink } from './ipc/backend-link';
import { registerMainIpc } from './ipc/main-ipc';
import { EVENT_CHANNEL } from './ipc/protocol';
import { menuTemplate } from './menu';
import { appPaths } from './paths';
import { createMainWindow, trustedUrl, type RendererSource } from './window';

const broadcast: PushEmit = (channel, payload) => {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, channel, payload);
  }
};

/** Arguments for the backend, from the app's own command line and environment. */
export const backendArgs = (argv: readonly string[], env: NodeJS.ProcessEnv, dataDir: string) => [
  '--data',
  dataDir,
  ...forwardBackendOptions(argv, env),
];

/**
 * The Electron main process: one instance (PGlite allows one opener of the data directory),
 * one window, the backend in a utility process, IPC between them, a clean stop on quit.
 */
export const runApp = async (): Promise<void> => {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  await app.whenReady();
  const dev = Boolean(process.env.ELECTRON_RENDERER_URL);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, dev)));

  const dataDir = process.env.COUNTERFOIL_DATA_DIR ?? join(app.getPath('userData'), 'data');
  const link = createBackendLink(
    () =>
      utilityProcess.fork(appPaths.backend, backendArgs(process.argv, process.env, dataDir), {
        serviceName: 'Counterfoil backend',
        stdio: 'inherit',
      }),
    {
      onEvent: broadcast,
      onStatus: (status) => broadcast('backend-status', status),
      log: (message) => console.error(`[backend] ${message}`),
    },
  );

  const source: RendererSource = process.env.ELECTRON_RENDERER_URL
    ? { url: process.env.ELECTRON_RENDERER_URL }
    : { file: appPaths.rendererHtml };
  registerMainIpc({
    ipcMain,
    link,
    isTrustedUrl: trustedUrl(source),
  });
  win = createMainWindow(appPaths.preload, source);

  // A till app has one window: closing it quits, on macOS too.
  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    // Close PGlite cleanly before exiting; quitting mid-write would cost a recovery on start.
    event.preventDefault();
    void link.shutdown().finally(() => {
      stopped = true;
      app.quit();
    });
  });
};
