import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import type { HandlerContext } from '#shared/api/handlers';
import type { CounterfoilBridge } from '#shared/api/ipc-bridge';
import { createIpcClient } from '#shared/api/ipc-bridge';
import { operations, type OperationName } from '#shared/api/operations';
import { createRequestHandler } from '#main/backend/request-handler';
import { serveParentPort, type ParentPortLike } from '#main/backend/parent-port-host';
import { createBackendLink } from '#main/ipc/backend-link';
import { registerMainIpc } from '#main/ipc/main-ipc';
import { EVENT_CHANNEL } from '#main/ipc/protocol';
import { trustedUrl } from '#main/window';
import { adminPrincipal, callerFor, devicePrincipal } from '../shared/api/callers';
import { fixedNow, unusedSql, userPrincipal } from '../shared/api/context';
import { createRecordingHandlers } from '../shared/api/fake-handlers';
import { sampleInputs } from '../shared/api/sample-inputs';
import { FakeUtilityProcess, ipcMain, resetState, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const names = Object.keys(operations) as OperationName[];
const parse = (name: OperationName, input: unknown) =>
  (operations[name].input as z.ZodType).parse(input);

type Overrides = Partial<Record<OperationName, (input: unknown, ctx: HandlerContext) => unknown>>;

/**
 * Renderer (preload bridge) → ipcRenderer → ipcMain handler → backend link → utility process
 * (parentPort host) → dispatcher → recording handlers, and back. Only Electron is faked.
 */
const wire = async (overrides: Overrides = {}) => {
  const { handlers, calls } = createRecordingHandlers(overrides);
  const dispatch = bindDispatch(createDispatcher(handlers), {
    sql: unusedSql,
    now: () => fixedNow,
    host: 'hub',
  });
  const handle = createRequestHandler({
    dispatch,
    resolvePrincipal: async (token) =>
      token === 'tok-admin'
        ? adminPrincipal
        : token === 'tok-device'
          ? devicePrincipal
          : token === 'tok-ana'
            ? userPrincipal('cashier')
            : null,
  });
  const children: FakeUtilityProcess[] = [];
  const shutdowns: number[] = [];
  const spawn = () => {
    const child = new FakeUtilityProcess();
    children.push(child);
    const port: ParentPortLike = {
      on: (_event, listener) => {
        child.receiver = (data) => listener({ data });
      },
      postMessage: (message) => child.reply(message),
    };
    const events = serveParentPort(
      port,
      Promise.resolve({
        handle,
        shutdown: async () => {
          shutdowns.push(children.length);
          queueMicrotask(() => child.emit('exit', 0));
        },
      }),
    );
    port.postMessage({ type: 'ready', url: null });
    return Object.assign(child, { events });
  };
  const broadcasts: unknown[][] = [];
  const link = createBackendLink(spawn, {
    restartDelayMs: 1,
    requestTimeoutMs: 2_000,
    onEvent: (channel, payload) => {
      broadcasts.push([channel, payload]);
      state.rendererEvents.emit(EVENT_CHANNEL, {}, channel, structuredClone(payload));
    },
  });
  registerMainIpc({
    ipcMain,
    link,
    isTrustedUrl: trustedUrl({ file: '/app/out/renderer/index.html' }),
  });
  await import('#main/preload');
  const bridge = state.exposed.get('counterfoil') as CounterfoilBridge;
  return { bridge, calls, children, link, broadcasts, shutdowns };
};

describe('IPC wiring: renderer → main → backend → dispatcher', () => {
  beforeEach(() => {
    resetState();
    vi.resetModules();
  });

  it('exposes exactly invoke and on, and no ipcRenderer', async () => {
    const { bridge } = await wire();
    expect([...state.exposed.keys()]).toEqual(['counterfoil']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('reaches EVERY operation’s handler with the parsed input', async () => {
    const { bridge, calls } = await wire();
    for (const name of names) {
      const sample = sampleInputs[name];
      expect(sample, `add a sample input for ${name}`).toBeDefined();
      calls.length = 0;
      const caller = callerFor(name);
      const reply = await bridge.invoke(name, sample, { token: `tok-${caller}` });
      expect(
        calls.map((c) => c.name),
        name,
      ).toEqual([name]);
      expect(calls[0]?.input, name).toEqual(parse(name, sample));
      expect(calls[0]?.ctx.principal, name).toEqual(
        caller === 'admin' ? adminPrincipal : devicePrincipal,
      );
      const op = operations[name] as { response?: string };
      expect(reply, name).toEqual(
        op.response === 'csv' ? { csv: `op,${name}\n` } : { op: name, input: parse(name, sample) },
      );
    }
  });

  it('answers errors as { error } bodies that the typed IPC client turns into ApiErrors', async () => {
    const { bridge, calls } = await wire();
    const reply = await bridge.invoke('redemptions-validate', { code: 'X' }, { token: 'tok-ana' });
    expect(reply).toMatchObject({
      error: { code: 'INVALID_INPUT', message: 'billAmount: is required (and 2 more)' },
    });
    const anonymous = await bridge.invoke('offers-list', {});
    expect(anonymous).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const unknown = await bridge.invoke('offers-explode', {}, { token: 'tok-admin' });
    expect(unknown).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const client = createIpcClient(bridge, () => 'tok-ana');
    await expect(client.send('users-create', sampleInputs['users-create']!)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    expect(calls).toHaveLength(0);
  });

  it('keeps the session of a window that signed in through main', async () => {
    const { bridge, calls } = await wire({
      'auth-login': () => ({
        token: 'tok-ana',
        user: { userId: 'u', username: 'ana', role: 'cashier', storeIds: null },
      }),
    });
    expect(await bridge.invoke('org-list', {})).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
    await bridge.invoke('auth-login', { username: 'ana', password: 'pw' });
    expect(await bridge.invoke('org-list', {})).toEqual({ op: 'org-list', input: {} });
    expect(calls.at(-1)?.ctx.principal).toEqual(userPrincipal('cashier'));
    // A token sent by the renderer wins over the stored one.
    await bridge.invoke('org-list', {}, { token: 'tok-admin' });
    expect(calls.at(-1)?.ctx.principal).toEqual(userPrincipal('admin'));
    // The window closes: its session is forgotten.
    state.senderEvents.emit('destroyed');
    expect(await bridge.invoke('org-list', {})).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses pages that are not our renderer', async () => {
    const { bridge, calls } = await wire();
    state.senderUrl = 'https://evil.example/';
    expect(await bridge.invoke('org-list', {}, { token: 'tok-admin' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(calls).toHaveLength(0);
  });

  it('delivers pushed events to subscribers of that channel until they unsubscribe', async () => {
    const { bridge, children } = await wire();
    const got: unknown[] = [];
    const off = bridge.on('sync-changed', (payload) => got.push(payload));
    bridge.on('backend-status', () => got.push('wrong channel'));
    const child = children[0] as FakeUtilityProcess & {
      events: { emit(c: string, p: unknown): void };
    };
    child.events.emit('sync-changed', { online: true, at: 'a' });
    // A channel nobody declared never reaches the window.
    child.events.emit('upload-progress', { uploadId: 'u1' });
    off();
    child.events.emit('sync-changed', { online: false, at: 'b' });
    expect(got).toEqual([{ online: true, at: 'a' }]);
  });

  it('fails in-flight calls with UNAVAILABLE when the backend dies, then restarts it', async () => {
    const { bridge, children } = await wire({
      'org-list': () => new Promise(() => undefined),
    });
    const stuck = bridge.invoke('org-list', {}, { token: 'tok-admin' });
    await new Promise((r) => setTimeout(r, 5));
    children[0]?.emit('exit', 139);
    expect(await stuck).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    await vi.waitFor(() => expect(children).toHaveLength(2));
    await vi.waitFor(async () =>
      expect(await bridge.invoke('currency-rates-list', {}, { token: 'tok-admin' })).toEqual({
        op: 'currency-rates-list',
        input: {},
      }),
    );
  });

  it('asks the backend to stop on shutdown and waits for it', async () => {
    const { link, shutdowns, bridge } = await wire();
    await link.shutdown();
    expect(shutdowns).toEqual([1]);
    expect(link.status()).toEqual({ state: 'stopped' });
    expect(await bridge.invoke('org-list', {}, { token: 'tok-admin' })).toMatchObject({
      error: { code: 'UNAVAILABLE' },
    });
  });
});
