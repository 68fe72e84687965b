import type { HandlerContext, Handlers } from '#shared/api/handlers';
import { operations, type OperationName } from '#shared/api/operations';

export type RecordedCall = { name: OperationName; input: unknown; ctx: HandlerContext };

/**
 * A full handler map for transport tests: every handler records its call and answers
 * `{ op, input }` (or `{ csv }` for CSV responses), so a test can see exactly what arrived.
 * `overrides` replace single handlers (to throw, or to answer something specific).
 */
export const createRecordingHandlers = (
  overrides: Partial<Record<OperationName, (input: unknown, ctx: HandlerContext) => unknown>> = {},
): { handlers: Handlers; calls: RecordedCall[] } => {
  const calls: RecordedCall[] = [];
  const map: Record<string, (input: unknown, ctx: HandlerContext) => Promise<unknown>> = {};
  for (const name of Object.keys(operations) as OperationName[]) {
    map[name] = async (input, ctx) => {
      calls.push({ name, input, ctx });
      const override = overrides[name];
      if (override) return override(input, ctx);
      const op = operations[name] as { response?: string };
      return op.response === 'csv' ? { csv: `op,${name}\n` } : { op: name, input };
    };
  }
  return { handlers: map as unknown as Handlers, calls };
};
