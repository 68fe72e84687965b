import type { z } from 'zod';
import type { HandlerContext } from '#shared/api/handlers';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { jsonOf } from '../shared/values';

/**
 * One org-level list kept under an org_settings key (which replicates to tills with the other
 * settings). A stored value that no longer parses reads as empty rather than failing every
 * offer save; the admin screen then shows an empty list to define again.
 */
export async function loadOrgList<T>(
  sql: SqlPort,
  key: string,
  schema: z.ZodType<T>,
): Promise<T[]> {
  const rows = await sql.query<{ value: unknown }>(
    'SELECT value FROM org_settings WHERE key = $1',
    [key],
  );
  if (!rows[0]) return [];
  const items: unknown = jsonOf<unknown>(rows[0].value);
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Replaces the list and audits the change, before and after (inside the caller's transaction). */
export async function saveOrgList(
  sql: SqlPort,
  key: string,
  change: { before: unknown[]; after: unknown[] },
  ctx: Pick<HandlerContext, 'now' | 'principal'>,
): Promise<void> {
  await sql.query(
    `INSERT INTO org_settings (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [key, JSON.stringify(change.after)],
  );
  await audit(sql, {
    at: nowIso(ctx),
    actor: actorOf(ctx.principal),
    action: `org.${key}.set`,
    entityType: 'org',
    entityId: key,
    details: change,
  });
}
