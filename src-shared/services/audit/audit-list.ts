import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { isoOf, jsonOf } from '../shared/values';

type ListInput = OpParsedInput<'audit-list'>;
type ListOutput = OpOutput<'audit-list'>;

type AuditRow = {
  id: unknown;
  at: unknown;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: unknown;
};

/** Cursor text: the boundary row's instant and id (see auditCursor). */
export const cursorOf = (at: string, id: string): string => `${at}~${id}`;

const parseCursor = (cursor: string): { at: string; id: string } => {
  const cut = cursor.lastIndexOf('~');
  return { at: cursor.slice(0, cut), id: cursor.slice(cut + 1) };
};

/**
 * One page of the audit trail, newest first by (at, id): `at` is the handler clock when the
 * change was made, id breaks ties between entries of one instant. The WHERE clause is built
 * from constant fragments, one per filter given, each with its own $n parameter (no value
 * ever enters the text), so an entity filter can use audit_log_entity. The keyset comparison
 * continues strictly after the cursor, so paging never repeats or skips a row. (Entries carry
 * millisecond instants from the handler clock, so the cursor's instant is exact.) One row
 * beyond the page tells whether there is a next page without counting.
 */
export async function listAudit(input: ListInput, ctx: HandlerContext): Promise<ListOutput> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (fragment: (n: number) => string, value: unknown): void => {
    params.push(value);
    where.push(fragment(params.length));
  };
  if (input.entityType !== undefined) add((n) => `entity_type = $${n}`, input.entityType);
  if (input.entityId !== undefined) add((n) => `entity_id = $${n}`, input.entityId);
  if (input.actor !== undefined) add((n) => `actor = $${n}`, input.actor);
  if (input.from !== undefined) add((n) => `at >= $${n}::timestamptz`, input.from);
  if (input.to !== undefined) add((n) => `at < $${n}::timestamptz`, input.to);
  if (input.cursor !== undefined) {
    const after = parseCursor(input.cursor);
    params.push(after.at, after.id);
    const n = params.length;
    where.push(`(at, id) < ($${n - 1}::timestamptz, $${n}::bigint)`);
  }
  params.push(input.limit + 1);
  const rows = await ctx.sql.query<AuditRow>(
    `SELECT id, at, actor, action, entity_type, entity_id, details FROM audit_log
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, input.limit).map((r) => ({
    id: String(r.id),
    at: isoOf(r.at),
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: jsonOf<Record<string, unknown>>(r.details) ?? {},
  }));
  const last = page[page.length - 1];
  const nextCursor = rows.length > input.limit && last ? cursorOf(last.at, last.id) : null;
  return { items: page, nextCursor };
}
