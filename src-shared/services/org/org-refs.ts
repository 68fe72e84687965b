import type { OrgEntityRef } from '#shared/domain/primitives';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';

/**
 * Every reference must name an org entity of that type: an offer tagged to a store that does
 * not exist (or to a zone id that is really a store) would silently match nothing.
 */
export async function checkOrgRefs(
  sql: SqlPort,
  refs: readonly OrgEntityRef[],
  field: string,
): Promise<Reason[]> {
  if (refs.length === 0) return [];
  const rows = await sql.query<{ id: string; type: string }>(
    'SELECT id, type FROM org_entities WHERE id = ANY($1::text[])',
    [[...new Set(refs.map((r) => r.id))]],
  );
  const typeOf = new Map(rows.map((r) => [r.id, r.type]));
  const reasons: Reason[] = [];
  refs.forEach((ref, i) => {
    const actual = typeOf.get(ref.id);
    if (actual === undefined) {
      reasons.push(
        reason(
          'UNKNOWN_ORG_ENTITY',
          `${ref.type.toLowerCase()} ${ref.id} does not exist`,
          `${field}.${i}`,
        ),
      );
    } else if (actual !== ref.type) {
      reasons.push(
        reason(
          'UNKNOWN_ORG_ENTITY',
          `${ref.id} is a ${actual.toLowerCase()}, not a ${ref.type.toLowerCase()}`,
          `${field}.${i}`,
        ),
      );
    }
  });
  return reasons;
}
