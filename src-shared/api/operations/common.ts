import { z } from 'zod';

export const idParam = z.object({ id: z.string().min(1) });
export const empty = z.object({}).strict();
/** Query-string booleans arrive as text. */
export const queryBool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
export const queryInt = (min: number, max: number, def: number) =>
  z.coerce.number().int().min(min).max(max).default(def);
export const csvText = z.object({ csv: z.string() });
