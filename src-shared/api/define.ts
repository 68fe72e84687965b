import type { z } from 'zod';
import type { Role } from './roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API operation, defined once and mounted on IPC, HTTP and in-process.
 * HTTP input is path params + query (GET) or path params + JSON body; for `body: 'csv'` the
 * raw text body arrives as `input.csv`. `response: 'csv'` answers text/csv from `output.csv`.
 */
export type OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
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

export const defineOperation = <I extends z.ZodType, O extends z.ZodType>(
  def: OperationDef<I, O>,
): OperationDef<I, O> => def;
