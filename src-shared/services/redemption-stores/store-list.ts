import { z } from 'zod';
import { ApiError } from '#shared/api/errors';
import type { storeList, storeListIssue } from '#shared/api/operations/redemption-stores';
import type { OrgEntityRef, OrgEntityType } from '#shared/domain/primitives';
import type { SqlPort } from '#shared/sql/port';
import { forEachCsvChunk, isBlankRow, isEmptyRow } from '../uploads/index';

type StoreList = z.infer<typeof storeList>;
type Issue = z.infer<typeof storeListIssue>;

const types: readonly OrgEntityType[] = ['TILL', 'STORE', 'ZONE', 'CONCEPT'];
const word = (t: OrgEntityType): string => t.toLowerCase();
const ANY_PLACE = 'till, store, zone or concept';

/** Header names, matched ignoring case and spaces: the id column may fix the type. */
const idNames: Record<string, OrgEntityType | null> = {
  id: null,
  orgentityid: null,
  org_entity_id: null,
  entityid: null,
  entity_id: null,
  tillid: 'TILL',
  till_id: 'TILL',
  storeid: 'STORE',
  store_id: 'STORE',
  zoneid: 'ZONE',
  zone_id: 'ZONE',
  conceptid: 'CONCEPT',
  concept_id: 'CONCEPT',
};
const typeNames = new Set([
  'type',
  'orgentitytype',
  'org_entity_type',
  'entitytype',
  'entity_type',
]);
const EXPECTED =
  'Expected one id column (id, tillId, storeId, zoneId or conceptId) and optionally a type column, e.g. "type,id"';

type Columns = { id: number; fixedType: OrgEntityType | null; type: number | null };

const badFile = (message: string): ApiError =>
  new ApiError('INVALID_INPUT', message, { field: 'csv', message });

function readHeader(header: readonly string[]): Columns {
  const problems: string[] = [];
  let id: { index: number; type: OrgEntityType | null } | null = null;
  let type: number | null = null;
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name in idNames) {
      if (id !== null) problems.push(`more than one id column ("${raw.trim()}" again); keep one`);
      else id = { index, type: idNames[name] ?? null };
    } else if (typeNames.has(name)) {
      if (type !== null) problems.push('column "type" appears twice');
      else type = index;
    } else if (name === '') {
      problems.push(`column ${index + 1} has no header`);
    } else {
      problems.push(`unknown column "${raw.trim()}"`);
    }
  });
  const found = id as { index: number; type: OrgEntityType | null } | null;
  if (found === null) problems.push('no id column');
  if (found?.type != null && type !== null) {
    problems.push(`a type column beside "${header[found.index]?.trim()}", which fixes the type`);
  }
  if (problems.length > 0 || found === null) {
    throw badFile(`The header row has ${problems.join('; ')}. ${EXPECTED}.`);
  }
  return { id: found.index, fixedType: found.type, type };
}

type Place = { id: string; type: OrgEntityType; name: string };

/** The org tree, indexed by id and by name (case and surrounding spaces ignored). */
async function loadPlaces(sql: SqlPort) {
  const rows = await sql.query<Place>('SELECT id, type, name FROM org_entities');
  const byId = new Map<string, Place>();
  const byName = new Map<string, Place[]>();
  for (const p of rows) {
    if (!types.includes(p.type)) continue; // the org itself, if stored, is not a place
    byId.set(p.id, p);
    const key = p.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), p]);
  }
  return { byId, byName };
}

const parseType = (raw: string): OrgEntityType | null => {
  const t = raw.trim().toUpperCase();
  return (types as readonly string[]).includes(t) ? (t as OrgEntityType) : null;
};

/**
 * Reads a store list: each row names one till, store, zone or concept by id (or by its exact
 * name, when only one place of the type has it). Every row that names nothing usable is an
 * issue naming its row and value; a bad header or a file without rows is an INVALID_INPUT
 * error. Changes nothing.
 */
export async function readStoreList(sql: SqlPort, csv: string): Promise<StoreList> {
  const places = await loadPlaces(sql);
  const stores: OrgEntityRef[] = [];
  const seen = new Set<string>();
  const issues: Issue[] = [];
  let columns: Columns | null = null;
  let record = 0;
  let rows = 0;
  const issue = (row: number, value: string, code: Issue['code'], message: string) =>
    issues.push({ row, value, code, message });

  await forEachCsvChunk(csv, async (chunk) => {
    for (const cells of chunk) {
      record++;
      if (columns === null) {
        if (isBlankRow(cells))
          throw badFile('The file is empty: the first row must be a header such as "type,id"');
        columns = readHeader(cells);
        continue;
      }
      if (isBlankRow(cells)) continue;
      rows++;
      const value = (cells[columns.id] ?? '').trim();
      const typeCell = columns.type === null ? '' : (cells[columns.type] ?? '').trim();
      if (isEmptyRow(cells) || value === '') {
        issue(
          record,
          value,
          'EMPTY_ROW',
          isEmptyRow(cells)
            ? 'This row holds nothing (only "" or spaces); delete the row or fill in its id'
            : 'This row has no id; fill it in or delete the row',
        );
        continue;
      }
      let wanted = columns.fixedType;
      if (typeCell !== '') {
        wanted = parseType(typeCell);
        if (wanted === null) {
          issue(record, value, 'BAD_TYPE', `The type "${typeCell}" is not one of ${ANY_PLACE}`);
          continue;
        }
      }
      const place = resolve(places, value, wanted);
      if ('problem' in place) {
        issue(record, value, place.code, place.problem);
        continue;
      }
      const key = `${place.type}:${place.id}`;
      if (!seen.has(key)) {
        seen.add(key);
        stores.push({ type: place.type, id: place.id });
      }
    }
  });
  if (columns === null)
    throw badFile('The file is empty: the first row must be a header such as "type,id"');
  if (rows === 0) throw badFile(`The file has a header but lists no ${ANY_PLACE}`);
  return { stores, rows, issues };
}

type Resolved = Place | { code: Issue['code']; problem: string };

function resolve(
  places: Awaited<ReturnType<typeof loadPlaces>>,
  value: string,
  wanted: OrgEntityType | null,
): Resolved {
  const what = wanted === null ? ANY_PLACE : word(wanted);
  const byId = places.byId.get(value);
  if (byId) {
    if (wanted !== null && byId.type !== wanted) {
      return {
        code: 'WRONG_TYPE',
        problem: `"${value}" is a ${word(byId.type)}, not a ${word(wanted)}`,
      };
    }
    return byId;
  }
  // The seed's lists are often of store names: an exact name of one place of the type will do.
  const named = (places.byName.get(value.toLowerCase()) ?? []).filter(
    (p) => wanted === null || p.type === wanted,
  );
  if (named.length === 1) return named[0] as Place;
  if (named.length > 1) {
    return {
      code: 'AMBIGUOUS_NAME',
      problem: `"${value}" is the name of ${named.length} places (${named.map((p) => `${word(p.type)} ${p.id}`).join(', ')}); give the id instead`,
    };
  }
  return { code: 'UNKNOWN_ORG_ENTITY', problem: `No ${what} has the id or name "${value}"` };
}

/** "row 3: …; row 7: …" for a refusal message, the first few rows only. */
export function describeIssues(issues: readonly Issue[], shown = 5): string {
  const listed = issues
    .slice(0, shown)
    .map((i) => `row ${i.row}: ${i.message}`)
    .join('; ');
  const more = issues.length > shown ? `; and ${issues.length - shown} more` : '';
  return `${listed}${more}`;
}
