import type { CounterfoilBridge } from '#shared/api/ipc-bridge';

/**
 * The Electron preload exposes `window.counterfoil` (only `invoke` and `on`, never
 * ipcRenderer). `invoke` answers the operation's output or an `{ error: {…} }` envelope; the
 * session token travels as its third argument so the backend can check the role.
 */
export type { CounterfoilBridge };

declare global {
  // Augmenting the DOM's Window needs declaration merging, which only an interface does.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    counterfoil?: CounterfoilBridge;
  }
}

export const bridge = (): CounterfoilBridge | null =>
  typeof window !== 'undefined' && window.counterfoil ? window.counterfoil : null;
