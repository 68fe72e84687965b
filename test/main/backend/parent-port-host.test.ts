import { describe, expect, it } from 'vitest';
import { serveParentPort, type ParentPortLike } from '#main/backend/parent-port-host';
import type { BackendMessage } from '#main/ipc/protocol';

const fakePort = () => {
  let listener: ((event: { data: unknown }) => void) | null = null;
  const posted: BackendMessage[] = [];
  const port: ParentPortLike = {
    on: (_event, l) => {
      listener = l;
    },
    postMessage: (message) => posted.push(message),
  };
  return { port, posted, send: (data: unknown) => listener?.({ data }) };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('backend end of the parent port', () => {
  it('answers requests that arrived before the backend was ready, in order, by id', async () => {
    const { port, posted, send } = fakePort();
    let ready: (host: {
      handle: (n: string, i: unknown) => Promise<unknown>;
      shutdown: () => Promise<void>;
    }) => void = () => undefined;
    serveParentPort(port, new Promise((resolve) => (ready = resolve)));
    send({ type: 'invoke', id: 1, name: 'a', input: { x: 1 }, token: null });
    send({ type: 'invoke', id: 2, name: 'b', input: {}, token: 't' });
    send({ nonsense: true });
    await settle();
    expect(posted).toEqual([]);
    ready({ handle: async (name, input) => ({ name, input }), shutdown: async () => undefined });
    await settle();
    expect(posted).toEqual([
      { type: 'reply', id: 1, reply: { name: 'a', input: { x: 1 } } },
      { type: 'reply', id: 2, reply: { name: 'b', input: {} } },
    ]);
  });

  it('answers UNAVAILABLE when the backend failed to start, and pushes events', async () => {
    const { port, posted, send } = fakePort();
    const events = serveParentPort(port, Promise.reject(new Error('data dir in use')));
    send({ type: 'invoke', id: 7, name: 'org-list', input: {}, token: null });
    await settle();
    expect(posted).toEqual([
      {
        type: 'reply',
        id: 7,
        reply: {
          error: {
            code: 'UNAVAILABLE',
            message: 'the till backend did not start: Error: data dir in use',
            details: null,
          },
        },
      },
    ]);
    events.emit('sync-changed', { online: false, at: '2026-12-06T08:00:00.000Z' });
    expect(posted.at(-1)).toEqual({
      type: 'event',
      channel: 'sync-changed',
      payload: { online: false, at: '2026-12-06T08:00:00.000Z' },
    });
  });
});
