import type { BoundDispatch } from './dispatch';
import type { OperationName, OpInput, OpOutput } from './operations';
import type { Principal } from './roles';

/** The typed face of every transport: the same `send` over IPC, HTTP or in-process. */
export type ApiClient = {
  send<K extends OperationName>(name: K, input: OpInput<K>): Promise<OpOutput<K>>;
};

/** Calls the dispatcher directly as `principal` (tests, jobs, the demo loader). */
export const createInProcessClient = (
  dispatch: BoundDispatch,
  principal: Principal,
): ApiClient => ({
  send: async <K extends OperationName>(name: K, input: OpInput<K>) =>
    (await dispatch(name, input, principal)) as OpOutput<K>,
});
