import type { HandlerContext } from '../../api/handlers';
import type { OpOutput, OpParsedInput } from '../../api/operations';
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
 * change was made, id breaks ties between entries of one instant. Every filter is a
 * parameter and an absent one is NULL, so the statement text never changes; the keyset
 * comparison continues strictly after the cursor, so paging never repeats or skips a row.
 * (Entries carry millisecond instants from the handler clock, so the cursor is exact.)
 * One row beyond the page tells whether there is a next page without a count.
 */
export async function listAudit(input: ListInput, ctx: HandlerContext): Promise<ListOutput> {
  const after = input.cursor ? parseCursor(input.cursor) : null;
  const rows = await ctx.sql.query<AuditRow>(
    `SELECT id, at, actor, action, entity_type, entity_id, details FROM audit_log
      WHERE ($1::text IS NULL OR entity_type = $1)
        AND ($2::text IS NULL OR entity_id = $2)
        AND ($3::text IS NULL OR actor = $3)
        AND ($4::timestamptz IS NULL OR at >= $4)
        AND ($5::timestamptz IS NULL OR at < $5)
        AND ($6::timestamptz IS NULL OR (at, id) < ($6::timestamptz, $7::bigint))
      ORDER BY at DESC, id DESC
      LIMIT $8`,
    [
      input.entityType ?? null,
      input.entityId ?? null,
      input.actor ?? null,
      input.from ?? null,
      input.to ?? null,
      after?.at ?? null,
      after?.id ?? null,
      input.limit + 1,
    ],
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
