/**
 * Rows for COPY … FROM (FORMAT csv): null is an empty unquoted field (COPY's NULL), every other
 * value is written quoted when it holds a delimiter, quote or line break, or is empty (so an
 * empty string stays an empty string).
 */
export type CopyValue = string | number | boolean | null;

const needsQuotes = /[",\r\n]/;

export function copyField(value: CopyValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const s = String(value);
  if (s === '') return '""';
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Builds a COPY payload line by line without intermediate arrays of lines. */
export class CopyBuffer {
  private parts: string[] = [];
  private count = 0;

  add(values: readonly CopyValue[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) line += ',';
      line += copyField(values[i] as CopyValue);
    }
    this.parts.push(line);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  text(): string {
    return this.count === 0 ? '' : `${this.parts.join('\n')}\n`;
  }
}
