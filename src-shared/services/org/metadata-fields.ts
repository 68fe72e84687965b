import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { metadataField, type MetadataField } from '#shared/domain/org-definitions';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import { invalidInput } from '../shared/errors';
import { loadOrgList, saveOrgList } from './org-definition-store';

const KEY = 'metadataFields';

export const loadMetadataFields = (sql: SqlPort): Promise<MetadataField[]> =>
  loadOrgList(sql, KEY, metadataField);

/** "Campaign owner" → "campaign_owner": a key a person never has to type. */
export function keyFromName(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  if (!/^[a-z]/.test(base)) base = `f_${base}`.slice(0, 36).replace(/_+$/, '');
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/**
 * Replaces the org's custom metadata fields. Fields keep their key across renames, so offers'
 * values stay attached; a new field's key is made from its name, never reusing the key of a
 * field defined now (its old values would attach to the new field). Names must differ.
 */
export async function setMetadataFields(
  input: OpParsedInput<'org-metadata-fields-set'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<OpOutput<'org-metadata-fields-set'>> {
  return ctx.sql.transaction(async (tx) => {
    const before = await loadMetadataFields(tx);
    const reasons: Reason[] = [];
    const names = new Map<string, number>();
    const given = new Set<string>();
    input.fields.forEach((f, i) => {
      const folded = f.name.toLowerCase();
      const first = names.get(folded);
      if (first !== undefined) {
        reasons.push(
          reason(
            'DUPLICATE_FIELD',
            `Fields ${first + 1} and ${i + 1} are both called "${f.name}"; give each its own name`,
            `fields.${i}.name`,
          ),
        );
      } else names.set(folded, i);
      if (f.key !== undefined) {
        if (given.has(f.key)) {
          reasons.push(
            reason(
              'DUPLICATE_FIELD',
              `Field ${i + 1} repeats the key "${f.key}" of an earlier field; leave the key out for a new field`,
              `fields.${i}.key`,
            ),
          );
        }
        given.add(f.key);
      }
    });
    if (reasons.length > 0) throw invalidInput(reasons);
    const taken = new Set([...before.map((f) => f.key), ...given]);
    const fields: MetadataField[] = input.fields.map((f) => {
      const key = f.key ?? keyFromName(f.name, taken);
      taken.add(key);
      return { key, name: f.name, type: f.type, required: f.required };
    });
    await saveOrgList(tx, KEY, { before, after: fields }, ctx);
    return { fields };
  });
}
