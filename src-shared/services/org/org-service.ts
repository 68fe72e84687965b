import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { OrgEntityType } from '#shared/domain/primitives';
import { isValidZone } from '#shared/engine/time';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { isUniqueViolation } from '../shared/errors';

type OrgEntityOut = OpOutput<'org-create'>;

/** The type a parent must have: org → concept → zone → store → till. */
export const parentTypeOf: Record<OrgEntityType, OrgEntityType | null> = {
  CONCEPT: null,
  ZONE: 'CONCEPT',
  STORE: 'ZONE',
  TILL: 'STORE',
};

const orgColumns = 'id, type, name, parent_id, time_zone, currency';
type OrgRow = {
  id: string;
  type: string;
  name: string;
  parent_id: string | null;
  time_zone: string | null;
  currency: string | null;
};
const fromRow = (r: OrgRow): OrgEntityOut => ({
  id: r.id,
  type: r.type,
  name: r.name,
  parentId: r.parent_id,
  timeZone: r.time_zone,
  currency: r.currency,
});

/** Concepts, zones, stores and tills, top of the tree first. */
export async function listOrg(sql: SqlPort): Promise<OpOutput<'org-list'>> {
  const rows = await sql.query<OrgRow>(
    `SELECT ${orgColumns} FROM org_entities
      ORDER BY CASE type WHEN 'CONCEPT' THEN 0 WHEN 'ZONE' THEN 1 WHEN 'STORE' THEN 2 ELSE 3 END, id`,
  );
  return { items: rows.map(fromRow) };
}

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new ApiError('INVALID_INPUT', `${field}: ${message}`, [{ path: field, message, ...details }]);

/**
 * Adds a concept, zone, store or till under a parent of the right type. Stores carry a time
 * zone (IANA, checked) and a default currency; a duplicate id is a CONFLICT.
 */
export async function createOrgEntity(
  input: OpParsedInput<'org-create'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<OrgEntityOut> {
  const wanted = parentTypeOf[input.type];
  if (wanted === null && input.parentId !== null) {
    throw invalid('parentId', 'a concept sits at the top of the org and has no parent');
  }
  if (input.timeZone !== null && !isValidZone(input.timeZone)) {
    throw invalid('timeZone', `"${input.timeZone}" is not an IANA time zone such as Asia/Kolkata`);
  }
  const at = nowIso(ctx);
  try {
    return await ctx.sql.transaction(async (tx) => {
      // The entity itself (must not exist) and its parent (must, with the right type).
      const known = await tx.query<{ id: string; type: string }>(
        'SELECT id, type FROM org_entities WHERE id = ANY($1::text[])',
        [[input.id, input.parentId ?? input.id]],
      );
      const existing = known.find((k) => k.id === input.id);
      if (existing) {
        throw new ApiError(
          'CONFLICT',
          `id ${input.id} is already used by a ${existing.type.toLowerCase()}; choose another id`,
          { field: 'id', id: input.id },
        );
      }
      if (wanted !== null && input.parentId !== null) {
        const parent = known.find((k) => k.id === input.parentId);
        if (!parent) {
          throw invalid('parentId', `${wanted.toLowerCase()} ${input.parentId} does not exist`);
        }
        if (parent.type !== wanted) {
          throw invalid(
            'parentId',
            `a ${input.type.toLowerCase()} belongs under a ${wanted.toLowerCase()}, and ${input.parentId} is a ${parent.type.toLowerCase()}`,
          );
        }
      }
      const [row] = await tx.query<OrgRow>(
        `INSERT INTO org_entities (id, type, name, parent_id, time_zone, currency, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${orgColumns}`,
        [input.id, input.type, input.name, input.parentId, input.timeZone, input.currency, at],
      );
      await audit(tx, {
        at,
        actor: actorOf(ctx.principal),
        action: 'org.create',
        entityType: input.type.toLowerCase(),
        entityId: input.id,
        details: { parentId: input.parentId },
      });
      return fromRow(row as OrgRow);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError('CONFLICT', `id ${input.id} is already used; choose another id`, {
        field: 'id',
        id: input.id,
      });
    }
    throw error;
  }
}
