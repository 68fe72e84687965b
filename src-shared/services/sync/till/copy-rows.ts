import { copyField, type CopyValue } from '#shared/services/uploads/index';

/**
 * Pulled rows as a COPY … FROM (FORMAT csv) payload, in the shared column order followed by
 * `hub_xid` = 0 (pulled rows stay out of the till's partial feed indexes, as the upsert does).
 * Values arrive as JSON scalars: null becomes COPY's NULL (an empty unquoted field), an empty
 * string stays "" and anything holding a delimiter, quote or line break is quoted. A JSON
 * object or array (none in the bulk tables today) is written as its JSON text.
 */
export function rowsToCopyCsv(rows: readonly (readonly unknown[])[], width: number): string {
  let out = '';
  for (const row of rows) {
    if (row.length !== width) {
      throw new Error(
        `a pulled row has ${row.length} values, expected ${width}: ${JSON.stringify(row).slice(0, 200)}`,
      );
    }
    let line = '';
    for (let i = 0; i < width; i++) line += `${copyField(scalar(row[i]))},`;
    out += `${line}0\n`;
  }
  return out;
}

const scalar = (value: unknown): CopyValue => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a pulled row holds the number ${value}`);
    return value;
  }
  return JSON.stringify(value);
};
