import { EventEmitter } from 'node:events';
import type { InvokeEvent } from '#main/ipc/main-ipc';

/**
 * A stand-in for the `electron` module, enough for the main-process wiring to run under Node.
 * Values crossing a process or context boundary are structured-cloned, as Electron does.
 */
type InvokeListener = (event: InvokeEvent, ...args: unknown[]) => unknown;

export const state = {
  invokeHandlers: new Map<string, InvokeListener>(),
  exposed: new Map<string, unknown>(),
  rendererEvents: new EventEmitter(),
  /** URL of the page calling (for the trusted-sender check). */
  senderUrl: 'file:///app/out/renderer/index.html',
  senderId: 1,
  senderEvents: new EventEmitter(),
  windows: [] as FakeBrowserWindow[],
  forks: [] as { path: string; args: string[]; options: unknown; child: FakeUtilityProcess }[],
  onFork: null as ((child: FakeUtilityProcess) => void) | null,
  menuTemplate: null as unknown,
  lock: true,
  appEvents: new EventEmitter(),
  quitCalls: 0,
};

export const resetState = (): void => {
  state.invokeHandlers.clear();
  state.exposed.clear();
  state.rendererEvents.removeAllListeners();
  state.senderEvents.removeAllListeners();
  state.senderUrl = 'file:///app/out/renderer/index.html';
  state.windows = [];
  state.forks = [];
  state.onFork = null;
  state.menuTemplate = null;
  state.lock = true;
  state.appEvents.removeAllListeners();
  state.quitCalls = 0;
};

const invokeEvent = () => ({
  sender: {
    id: state.senderId,
    once: (event: string, listener: () => void) => state.senderEvents.once(event, listener),
  },
  senderFrame: { url: state.senderUrl },
});

export const ipcMain = {
  handle: (channel: string, listener: InvokeListener) => {
    if (state.invokeHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    state.invokeHandlers.set(channel, listener);
  },
  removeHandler: (channel: string) => state.invokeHandlers.delete(channel),
};

export const ipcRenderer = {
  invoke: async (channel: string, ...args: unknown[]) => {
    const handler = state.invokeHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(invokeEvent(), ...structuredClone(args)));
  },
  on: (channel: string, listener: (...args: unknown[]) => void) => {
    state.rendererEvents.on(channel, listener);
    return ipcRenderer;
  },
  removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
    state.rendererEvents.removeListener(channel, listener);
    return ipcRenderer;
  },
};

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api),
};

export class FakeUtilityProcess extends EventEmitter {
  readonly sent: unknown[] = [];
  killed = false;
  /** Set by a test to act as the backend: receives each message main posts. */
  receiver: ((message: unknown) => void) | null = null;
  postMessage(message: unknown): void {
    const copy = structuredClone(message);
    this.sent.push(copy);
    this.receiver?.(copy);
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 15));
    return true;
  }
  /** The backend posting to main. */
  reply(message: unknown): void {
    this.emit('message', structuredClone(message));
  }
}

export const utilityProcess = {
  fork: (path: string, args: string[] = [], options: unknown = {}) => {
    const child = new FakeUtilityProcess();
    state.forks.push({ path, args, options, child });
    state.onFork?.(child);
    return child;
  },
};

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows = () => state.windows;
  readonly loaded: string[] = [];
  readonly sent: unknown[][] = [];
  shown = false;
  destroyed = false;
  readonly webContents = Object.assign(new EventEmitter(), {
    id: state.senderId,
    setWindowOpenHandler: (handler: (d: { url: string }) => { action: string }) => {
      this.openHandler = handler;
    },
    send: (...args: unknown[]) => {
      this.sent.push(args);
      state.rendererEvents.emit(args[0] as string, {}, ...structuredClone(args.slice(1)));
    },
  });
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    state.windows.push(this);
  }
  loadFile(file: string) {
    this.loaded.push(`file:${file}`);
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export const app = {
  requestSingleInstanceLock: () => state.lock,
  quit: () => {
    state.quitCalls += 1;
    const event = {
      defaultPrevented: false,
      preventDefault: () => (event.defaultPrevented = true),
    };
    state.appEvents.emit('before-quit', event);
    if (!event.defaultPrevented) state.appEvents.emit('quit');
  },
  on: (event: string, listener: (...args: unknown[]) => void) => {
    state.appEvents.on(event, listener);
    return app;
  },
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => `/tmp/counterfoil-test-${name}`,
};

export const Menu = {
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu: (menu: { template: unknown }) => {
    state.menuTemplate = menu.template;
  },
};

export const shell = { openExternal: async () => undefined };

export const electronModule = {
  ipcMain,
  ipcRenderer,
  contextBridge,
  utilityProcess,
  BrowserWindow: FakeBrowserWindow,
  app,
  Menu,
  shell,
};
