import type { z } from 'zod';
import type { Role } from './roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API operation, defined once and mounted on IPC, HTTP and in-process.
 * HTTP input is path params + query (GET) or path params + JSON body; for `body: 'csv'` the
 * raw text body arrives as `input.csv`. `response: 'csv'` answers text/csv from `output.csv`.
 */
/**
 * Where an operation runs (docs/architecture.md, "where each operation runs"): who serves it,
 * and what a till that follows a hub does with it.
 *  - servedBy 'hub': only the hub has what it needs (sync, reconciliation); a till answers
 *    where to go instead.
 *  - atTill 'local': the till answers from its own replica (reads; sign-in; health).
 *  - atTill 'forward': sent to the hub while it answers, served from the replica within the
 *    offline policy when it does not (validate, redeem, reverse).
 *  - atTill 'command': a change to data the hub owns: queued, signed by its author's offline
 *    grant, applied by the hub in order (docs/security.md).
 *  - atTill 'refuse': never at a till; `tillRefusal` says where to do it instead.
 */
export type Placement =
  | { servedBy: 'hub'; atTill: 'refuse' }
  | { servedBy: 'both'; atTill: 'local' | 'forward' | 'command' }
  | { servedBy: 'both'; atTill: 'refuse'; tillRefusal: string };
export type AtTill = Placement['atTill'];

export type OperationDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
> = Placement & {
  method: HttpMethod;
  /** Under /api/v1, Express-style params: /offers/:id */
  path: string;
  input: I;
  output: O;
  /** Roles allowed; 'device' = a till's device credential; 'any' = no sign-in needed. */
  roles: readonly (Role | 'device' | 'any')[];
  summary: string;
  body?: 'json' | 'csv';
  response?: 'json' | 'csv';
};

/** Keeps each definition's literal placement, so `CommandOp` and friends are exact types. */
export const defineOperation = <const D extends OperationDef>(def: D): D => def;
