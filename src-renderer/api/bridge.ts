/**
 * What the Electron preload exposes on `window.counterfoil` (only `invoke` and `on`, never
 * ipcRenderer). `invoke` answers the operation's output, or an `{ error: {…} }` envelope, or
 * rejects; the token travels as a third argument so the backend can check the role.
 */
export type CounterfoilBridge = {
  invoke: (name: string, input: unknown, meta?: { token: string | null }) => Promise<unknown>;
  on: (channel: string, listener: (payload: unknown) => void) => () => void;
};

declare global {
  // Augmenting the DOM's Window needs declaration merging, which only an interface does.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    counterfoil?: CounterfoilBridge;
  }
}

export const bridge = (): CounterfoilBridge | null =>
  typeof window !== 'undefined' && window.counterfoil ? window.counterfoil : null;
