import type { BoundDispatch } from '#shared/api/dispatch';
import { replyOf, type IpcReply } from '#shared/api/ipc-bridge';
import type { Principal } from '#shared/api/roles';

export type RequestHandlerDeps = {
  dispatch: BoundDispatch;
  resolvePrincipal: (token: string) => Promise<Principal | null>;
};

/**
 * The backend's end of IPC: token → principal → dispatch → reply. An unknown or expired token
 * is treated as nobody signed in, so the dispatcher answers UNAUTHENTICATED where it matters.
 */
export const createRequestHandler =
  (deps: RequestHandlerDeps) =>
  async (name: string, input: unknown, token: string | null): Promise<IpcReply> => {
    try {
      const principal = token ? await deps.resolvePrincipal(token) : null;
      // The token travels on so sign-out can revoke it; IPC has no network address.
      return await deps.dispatch(name, input, principal, { token: token ?? undefined });
    } catch (error) {
      return replyOf(error);
    }
  };
