import { ApiError } from '#shared/api/errors';
import type { HandlerGroup } from '#shared/api/handlers';
import { seedDemo } from '../demo/index';
import { assertStandaloneTill, createFirstAdmin } from './first-admin';
import { redemptionStates } from './redemption-states';
import { anyUsers, setupStatus } from './status';

export type SetupOp =
  | 'setup-status'
  | 'setup-first-admin'
  | 'setup-load-demo'
  | 'setup-enrol'
  | 'setup-leave-hub'
  | 'till-redemption-states';

/** Enrolling needs the till process itself (its data folder, its sync loop). */
const tillAppOnly = (): never => {
  throw new ApiError(
    'UNAVAILABLE',
    'Connecting to a hub is done at the till app (its first-run or Settings screen), not here',
  );
};

/**
 * First run and the hub link (operations/setup.ts). Enrol and leave are the till backend's
 * own (src-main/backend/setup replaces them); here they only say where to go.
 */
export const setupHandlers: HandlerGroup<SetupOp> = {
  'setup-status': (_input, ctx) => setupStatus(ctx.sql, ctx.host),
  'setup-first-admin': (input, ctx) =>
    createFirstAdmin(ctx.sql, input, { host: ctx.host, now: ctx.now() }),
  'setup-load-demo': async (_input, ctx) => {
    await assertStandaloneTill(ctx.sql, ctx.host);
    if (await anyUsers(ctx.sql)) {
      throw new ApiError(
        'CONFLICT',
        'This till already has people set up, so the demo (with its published passwords) is not loaded: sign in instead',
      );
    }
    if (!ctx.dispatch) throw new Error('setup-load-demo runs only through a dispatcher');
    const { users } = await seedDemo(ctx.sql, ctx.now(), { dispatcher: ctx.dispatch });
    return {
      signIns: users.map((u) => ({ username: u.username, password: u.password, role: u.role })),
    };
  },
  'setup-enrol': async () => tillAppOnly(),
  'setup-leave-hub': async () => tillAppOnly(),
  'till-redemption-states': (input, ctx) => redemptionStates(ctx.sql, input),
};
