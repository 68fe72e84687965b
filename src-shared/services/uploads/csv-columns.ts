import type { IdentifierKind } from '#shared/domain/customer';
import { fail, ok, reason, type Result } from '#shared/domain/reasons';

/**
 * Header row of an upload or revoke CSV. Names are matched ignoring case and surrounding
 * spaces; both camelCase and snake_case spellings are accepted.
 */
export const identifierNames: Record<string, IdentifierKind> = {
  userid: 'userId',
  user_id: 'userId',
  email: 'email',
  mobile: 'mobile',
  externalid: 'externalId',
  external_id: 'externalId',
};
const codeNames = new Set(['code']);
const issuedAtNames = new Set(['issuedat', 'issued_at']);

export const IDENTIFIER_HEADERS = 'userId, email, mobile or externalId';

export type CsvColumns = {
  identifier: { kind: IdentifierKind; index: number } | null;
  code: number | null;
  issuedAt: number | null;
};

/** What a file of one kind must and may hold. */
export type ColumnRules = {
  identifier: 'required' | 'forbidden';
  code: 'required' | 'optional' | 'forbidden';
  issuedAt: boolean;
};

function expected(rules: ColumnRules): string {
  const parts: string[] = [];
  if (rules.identifier === 'required') parts.push(`one identifier column (${IDENTIFIER_HEADERS})`);
  if (rules.code === 'required') parts.push('a code column');
  if (rules.code === 'optional') parts.push('optionally a code column');
  if (rules.issuedAt) parts.push('optionally an issuedAt column');
  return parts.join(', ');
}

/** Reads the header row; a failure names every problem and the headers expected. */
export function readColumns(header: readonly string[], rules: ColumnRules): Result<CsvColumns> {
  const cols: CsvColumns = { identifier: null, code: null, issuedAt: null };
  const problems: string[] = [];
  const identifiers: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const kind = identifierNames[name];
    if (kind !== undefined) {
      identifiers.push(raw.trim());
      if (rules.identifier === 'forbidden') problems.push(`column "${raw.trim()}" is not expected`);
      else if (cols.identifier === null) cols.identifier = { kind, index };
    } else if (codeNames.has(name)) {
      if (rules.code === 'forbidden') problems.push(`column "${raw.trim()}" is not expected`);
      else if (cols.code !== null) problems.push('column "code" appears twice');
      else cols.code = index;
    } else if (issuedAtNames.has(name) && rules.issuedAt) {
      if (cols.issuedAt !== null) problems.push('column "issuedAt" appears twice');
      else cols.issuedAt = index;
    } else if (name === '') {
      problems.push(`column ${index + 1} has no header`);
    } else {
      problems.push(`unknown column "${raw.trim()}"`);
    }
  });
  if (rules.identifier === 'required') {
    if (identifiers.length === 0) problems.push('no identifier column');
    if (identifiers.length > 1) {
      problems.push(`more than one identifier column (${identifiers.join(', ')}); keep one`);
    }
  }
  if (rules.code === 'required' && cols.code === null) problems.push('no code column');
  if (problems.length > 0) {
    return fail(
      reason(
        'BAD_HEADER',
        `The header row has ${problems.join('; ')}. Expected ${expected(rules)}, e.g. "${sampleHeader(rules)}".`,
        'header',
      ),
    );
  }
  return ok(cols);
}

function sampleHeader(rules: ColumnRules): string {
  const names: string[] = [];
  if (rules.identifier === 'required') names.push('userId');
  if (rules.code === 'required') names.push('code');
  return names.join(',');
}

/** The cell at a column index, trimmed ('' when the row is short). */
export function cell(row: readonly string[], index: number | null): string {
  if (index === null) return '';
  return (row[index] ?? '').trim();
}
