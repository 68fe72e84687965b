import { create } from 'zustand';
import type { OpOutput } from '#shared/api/operations';
import { onUnauthenticated, send, setSessionToken } from '#renderer/api/client';

export type SessionUser = OpOutput<'auth-me'>;

type AuthState = {
  token: string | null;
  user: SessionUser | null;
  /** Why the person was signed out, shown on the sign-in screen. */
  notice: string | null;
  signIn: (username: string, password: string) => Promise<void>;
  /** Takes a session the backend opened itself (the first admin, signed in as created). */
  adopt: (token: string, user: SessionUser) => void;
  /** Shows a message on the sign-in screen (after enrolling, the demo's sign-ins). */
  setNotice: (notice: string | null) => void;
  /** Ends the session at the server, then here; resolves once the server has answered. */
  signOut: (notice?: string) => Promise<void>;
};

const storageKey = 'counterfoil.session';

type Stored = { token: string; user: SessionUser };

/** The session survives a reload (the token is checked by the API on every call). */
const load = (): Stored | null => {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
};

const save = (s: Stored | null): void => {
  try {
    if (s) globalThis.localStorage?.setItem(storageKey, JSON.stringify(s));
    else globalThis.localStorage?.removeItem(storageKey);
  } catch {
    // Private mode or no storage: the session simply lasts until reload.
  }
};

const initial = load();
setSessionToken(initial?.token ?? null);

export const useAuth = create<AuthState>()((set, get) => ({
  token: initial?.token ?? null,
  user: initial?.user ?? null,
  notice: null,
  signIn: async (username, password) => {
    const { token, user } = await send('auth-login', { username, password });
    setSessionToken(token);
    save({ token, user });
    set({ token, user, notice: null });
  },
  adopt: (token, user) => {
    setSessionToken(token);
    save({ token, user });
    set({ token, user, notice: null });
  },
  setNotice: (notice) => set({ notice }),
  signOut: async (notice) => {
    // send() reads the token as it starts the call, so the revocation carries it even though
    // the screen is cleared at once: a cashier who walks away must not wait on the network.
    const revoke = get().token ? send('auth-logout', {}) : null;
    forget(notice);
    // An unreachable server leaves the token alive until it expires (12 h), not beyond.
    await revoke?.catch(() => undefined);
  },
}));

/** Clears the session here only: after a revocation was sent, or when the server refused it. */
function forget(notice?: string): void {
  setSessionToken(null);
  save(null);
  useAuth.setState({ token: null, user: null, notice: notice ?? null });
}

onUnauthenticated(() => {
  // No revocation here: the server has already said the token is dead.
  if (useAuth.getState().token) forget('Your session has ended. Please sign in again.');
});
