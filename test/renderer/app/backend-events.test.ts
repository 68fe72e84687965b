import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CounterfoilBridge } from '#shared/api/ipc-bridge';
import type { PushChannel, PushEvents } from '#shared/api/push-events';
import { followBackendEvents, useConnection } from '#renderer/app/connection-store';

/** A preload bridge whose push events the test fires by hand; invoke answers sync-health. */
const fakeBridge = (health: () => unknown) => {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: string[] = [];
  const bridge: CounterfoilBridge = {
    invoke: async (name) => {
      calls.push(name);
      return health();
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(channel, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const fire = <K extends PushChannel>(channel: K, payload: PushEvents[K]) => {
    for (const l of listeners.get(channel) ?? []) l(payload);
  };
  return { bridge, calls, fire, listeners };
};

const health = (pending: number, online: boolean) => ({
  host: 'till',
  hubUrl: 'http://hub:8788',
  online,
  pendingFacts: pending,
  lastError: online ? null : 'the hub did not answer',
});

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.unstubAllGlobals();
  useConnection.setState({ status: 'unknown', source: 'api', health: null, message: null });
});

describe('the window follows the backend push events', () => {
  it('re-reads sync health the moment the backend says sync changed', async () => {
    let answer = health(2, true);
    const fake = fakeBridge(() => answer);
    vi.stubGlobal('window', { counterfoil: fake.bridge });
    const stop = followBackendEvents();

    answer = health(0, false);
    fake.fire('sync-changed', { online: false, at: '2026-12-06T08:00:00.000Z' });
    await settle();
    expect(fake.calls).toEqual(['sync-health']);
    expect(useConnection.getState()).toMatchObject({ status: 'offline', source: 'hub' });
    expect(useConnection.getState().health).toMatchObject({ pendingFacts: 0 });

    stop();
    fake.fire('sync-changed', { online: true, at: '2026-12-06T08:00:05.000Z' });
    await settle();
    expect(fake.calls).toHaveLength(1);
  });

  it("says the till's engine is restarting, then checks again once it is ready", async () => {
    const fake = fakeBridge(() => health(0, true));
    vi.stubGlobal('window', { counterfoil: fake.bridge });
    const stop = followBackendEvents();

    fake.fire('backend-status', { state: 'restarting', exitCode: 139 });
    expect(useConnection.getState()).toMatchObject({ status: 'offline' });
    expect(useConnection.getState().message).toMatch(/engine stopped and is restarting/);
    expect(fake.calls).toEqual([]);

    fake.fire('backend-status', { state: 'ready', url: null });
    await settle();
    expect(fake.calls).toEqual(['sync-health']);
    expect(useConnection.getState()).toMatchObject({ status: 'online', source: 'hub' });
    stop();
    expect([...fake.listeners.values()].every((set) => set.size === 0)).toBe(true);
  });

  it('does nothing in a browser, where there is no bridge and polling does the work', () => {
    vi.stubGlobal('window', {});
    expect(() => followBackendEvents()()).not.toThrow();
  });
});
