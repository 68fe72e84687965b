import type { IdentifierKind } from '#shared/domain/customer';
import { fail, ok, reason, type Result } from '#shared/domain/reasons';
import { IDENTIFIER_HEADERS, identifierNames } from './csv-columns';

/** The header of a customer-updates CSV, read. */
export type UpdateColumns = {
  /** The first identifier column: it names the customer each row changes. */
  key: { kind: IdentifierKind; index: number };
  /** Further identifier columns: each sets that identifier. */
  identifiers: [IdentifierKind, number][];
  name: number | null;
  registeredAt: number | null;
  transactionCount: number | null;
  /** The columns that change something, as headed, for messages. */
  changeNames: string[];
};

const otherNames: Record<string, 'name' | 'registeredAt' | 'transactionCount'> = {
  name: 'name',
  registeredat: 'registeredAt',
  registered_at: 'registeredAt',
  transactioncount: 'transactionCount',
  transaction_count: 'transactionCount',
};

const EXAMPLE = 'userId,registeredAt,transactionCount';

/**
 * Reads the header row (names matched ignoring case and surrounding spaces, camelCase or
 * snake_case): one identifier column first to find the customer, then at least one column to
 * change. A failure names every problem and the expected header.
 */
export function readUpdateColumns(header: readonly string[]): Result<UpdateColumns> {
  const problems: string[] = [];
  let key: UpdateColumns['key'] | null = null;
  const identifiers: [IdentifierKind, number][] = [];
  const others: Partial<Record<'name' | 'registeredAt' | 'transactionCount', number>> = {};
  const changeNames: string[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const label = raw.trim();
    const name = label.toLowerCase();
    const kind = identifierNames[name];
    const other = otherNames[name];
    const canonical = kind ?? other;
    if (canonical !== undefined && seen.has(canonical)) {
      problems.push(`column "${label}" appears twice`);
      return;
    }
    if (canonical !== undefined) seen.add(canonical);
    if (kind !== undefined) {
      if (key === null) key = { kind, index };
      else {
        identifiers.push([kind, index]);
        changeNames.push(label);
      }
    } else if (other !== undefined) {
      others[other] = index;
      changeNames.push(label);
    } else if (name === '') {
      problems.push(`column ${index + 1} has no header`);
    } else {
      problems.push(`unknown column "${label}"`);
    }
  });
  if (key === null)
    problems.push(`no identifier column (${IDENTIFIER_HEADERS}) to find the customer by`);
  else if (changeNames.length === 0) {
    problems.push(
      'no column to change (registeredAt, transactionCount, name or another identifier)',
    );
  }
  if (problems.length > 0 || key === null) {
    return fail(
      reason(
        'BAD_HEADER',
        `The header row has ${problems.join('; ')}. Expected the identifier that finds each customer first, then the columns to change, e.g. "${EXAMPLE}".`,
        'header',
      ),
    );
  }
  return ok({
    key,
    identifiers,
    name: others.name ?? null,
    registeredAt: others.registeredAt ?? null,
    transactionCount: others.transactionCount ?? null,
    changeNames,
  });
}
