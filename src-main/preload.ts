import { contextBridge, ipcRenderer } from 'electron';
import type { CounterfoilBridge } from '#shared/api/ipc-bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc/protocol';

/**
 * The renderer's only door to the backend: `invoke` and `on`. ipcRenderer itself is never
 * exposed, so a compromised page cannot reach arbitrary channels.
 */
const bridge: CounterfoilBridge = {
  invoke: (name, input, meta) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input, meta),
  on: (channel, listener) => {
    const relay = (_event: unknown, pushed: string, payload: unknown) => {
      // Main relays only declared channels, each with its declared payload (ipc/protocol.ts).
      if (pushed === channel) listener(payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('counterfoil', bridge);
