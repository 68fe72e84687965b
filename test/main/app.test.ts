import { basename, dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backendArgs } from '#main/app';
import { parseBackendArgs } from '#main/backend/args';
import { menuTemplate } from '#main/menu';
import { resetState, state, type FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const start = async () => {
  const { runApp } = await import('#main/app');
  await runApp();
};

describe('Electron main process', () => {
  beforeEach(() => {
    resetState();
    vi.unstubAllEnvs();
  });

  it('quits at once when another instance holds the lock, touching nothing', async () => {
    state.lock = false;
    await start();
    expect(state.quitCalls).toBe(1);
    expect(state.windows).toHaveLength(0);
    expect(state.forks).toHaveLength(0);
    expect(state.invokeHandlers.size).toBe(0);
  });

  it('opens one secure window, forks the backend bundle and registers the IPC handler', async () => {
    vi.stubEnv('COUNTERFOIL_DATA_DIR', '/tmp/cf-data');
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await start();
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0] as FakeBrowserWindow;
    expect(win.options).toMatchObject({ minWidth: 1024, minHeight: 768, show: false });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    const prefs = win.options.webPreferences as { preload: string };
    expect(prefs.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(win.loaded).toEqual([expect.stringMatching(/^file:.*[\\/]renderer[\\/]index\.html$/)]);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(win.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    expect(state.forks).toHaveLength(1);
    // Built, paths.ts sits in out/main: the backend bundle beside it, preload one level over.
    const backend = state.forks[0]?.path ?? '';
    expect(basename(backend)).toBe('backend.js');
    expect(prefs.preload).toBe(join(dirname(backend), '..', 'preload', 'index.cjs'));
    expect(state.forks[0]?.args).toEqual(['--data', '/tmp/cf-data']);
    expect([...state.invokeHandlers.keys()]).toEqual(['counterfoil:invoke']);
    expect(state.menuTemplate).toEqual(menuTemplate(process.platform, false));
  });

  it('forks the backend utility process with the hub and enrolment it was started with', async () => {
    vi.stubEnv('COUNTERFOIL_ENROL', 'RV3R3-EBC5T');
    const argv = process.argv;
    process.argv = [...argv, '--hub', 'http://hub.local:8700'];
    try {
      await start();
    } finally {
      process.argv = argv;
    }
    expect(state.forks[0]?.args.slice(2)).toEqual([
      '--hub',
      'http://hub.local:8700',
      '--enrol',
      'RV3R3-EBC5T',
    ]);
  });

  it('keeps navigation inside the app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await start();
    const win = state.windows[0] as FakeBrowserWindow;
    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      win.webContents.emit('will-navigate', event, url);
      return event.prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    const own = win.loaded[0]?.replace(/^file:/, '') ?? '';
    expect(navigate(`file://${own.replace(/index\.html$/, '')}index.html#/till`)).toBe(false);
  });

  it('stops the backend before quitting', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await start();
    const child = state.forks[0]?.child;
    if (!child) throw new Error('no backend forked');
    child.receiver = (message) => {
      if ((message as { type: string }).type === 'shutdown')
        setTimeout(() => child.emit('exit', 0), 5);
    };
    let quit = false;
    state.appEvents.on('quit', () => (quit = true));
    state.appEvents.emit('window-all-closed');
    expect(child.sent).toEqual([{ type: 'shutdown' }]);
    expect(quit).toBe(false);
    await vi.waitFor(() => expect(quit).toBe(true));
    expect(state.quitCalls).toBe(2);
  });

  it('passes --demo and a local HTTP port on to the backend', () => {
    expect(backendArgs(['electron', '.', '--demo'], {}, '/d')).toEqual(['--data', '/d', '--demo']);
    expect(backendArgs([], { COUNTERFOIL_PORT: '8788', COUNTERFOIL_DEMO: '1' }, '/d')).toEqual([
      '--data',
      '/d',
      '--port',
      '8788',
      '--demo',
    ]);
    expect(backendArgs([], { COUNTERFOIL_DEMO: '0' }, '/d')).toEqual(['--data', '/d']);
  });

  it('passes every till option the headless till accepts: the desktop app follows a hub', () => {
    const argv = [
      '/opt/electron',
      '.',
      '--no-sandbox',
      '--hub',
      'http://hub.local:8700',
      '--enrol=MQ5NP-HVSKY',
      '--sync-interval',
      '2000',
    ];
    expect(backendArgs(argv, { COUNTERFOIL_HUB_TIMEOUT: '900' }, '/d')).toEqual([
      '--data',
      '/d',
      '--hub',
      'http://hub.local:8700',
      '--enrol',
      'MQ5NP-HVSKY',
      '--sync-interval',
      '2000',
      '--hub-timeout',
      '900',
    ]);
    // The environment alone is enough (a till installed as a service).
    expect(backendArgs(['electron'], { COUNTERFOIL_HUB: 'http://h:1' }, '/d')).toEqual([
      '--data',
      '/d',
      '--hub',
      'http://h:1',
    ]);
    // And the backend parses exactly what it is given: the hub options arrive whole.
    const parsed = parseBackendArgs(backendArgs(argv, {}, '/d'));
    expect(parsed.hub).toMatchObject({
      url: 'http://hub.local:8700',
      enrolCode: 'MQ5NP-HVSKY',
      syncIntervalMs: 2000,
    });
  });

  it('has an application menu with edit and view roles, dev tools only in development', () => {
    const roles = (t: ReturnType<typeof menuTemplate>) =>
      JSON.stringify(t).match(/"role":"(\w+)"/g) ?? [];
    expect(roles(menuTemplate('linux', false))).toContain('"role":"paste"');
    expect(roles(menuTemplate('linux', false))).not.toContain('"role":"toggleDevTools"');
    expect(roles(menuTemplate('linux', true))).toContain('"role":"toggleDevTools"');
    expect(roles(menuTemplate('darwin', false))[0]).toBe('"role":"appMenu"');
  });
});
