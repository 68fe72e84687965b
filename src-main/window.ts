import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';

export type RendererSource = { url: string } | { file: string };

/** The till screen needs room for the basket and the code pad side by side. */
export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 768;

export const windowOptions = (preload: string): BrowserWindowConstructorOptions => ({
  width: 1280,
  height: 800,
  minWidth: MIN_WIDTH,
  minHeight: MIN_HEIGHT,
  show: false,
  title: 'Counterfoil',
  backgroundColor: '#ffffff',
  webPreferences: {
    preload,
    // The page gets only what the preload exposes; no Node, no Electron, no shared globals.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
  },
});

/** True for pages of our own renderer (the dev server in development, the built files otherwise). */
export const trustedUrl =
  (source: RendererSource) =>
  (url: string): boolean => {
    if ('url' in source) return url.startsWith(new URL(source.url).origin + '/');
    const root = pathToFileURL(source.file).href.replace(/[^/]*$/, '');
    return url.startsWith(root);
  };

export const createMainWindow = (preload: string, source: RendererSource): BrowserWindow => {
  const win = new BrowserWindow(windowOptions(preload));
  const isOurs = trustedUrl(source);
  win.once('ready-to-show', () => win.show());
  // Links to the web open in the browser, never inside the app window.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOurs(url)) event.preventDefault();
  });
  void ('url' in source ? win.loadURL(source.url) : win.loadFile(source.file));
  return win;
};
