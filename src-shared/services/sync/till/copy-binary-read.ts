import type { BinaryType } from './copy-binary';

/**
 * Reads a binary COPY payload (the hub's pass-through first-pull chunks) back into rows shaped
 * as the JSON wire would carry them: text as strings, booleans, integers as numbers, a
 * timestamptz as ISO 8601 text with microseconds. A first pull COPYs the bytes in as they are;
 * this is for what needs values in JS — the ids and parent ids of a page, or the upsert a chunk
 * falls back to when its rows turn out to exist. `columns` (indexes) limits what is decoded;
 * the others are left null. The payload's extra trailing column (hub_xid) is skipped.
 */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const TWO_32 = 2 ** 32;
/** Microseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01 UTC. */
const PG_EPOCH_MICROS = 946_684_800_000_000;

export class CopyFormatError extends Error {
  override name = 'CopyFormatError';
}

const decoder = new TextDecoder();

const timestampText = (view: DataView, at: number): string => {
  const hi = view.getInt32(at);
  const lo = view.getUint32(at + 4);
  if (hi === 0x7fffffff && lo === 0xffffffff) return 'infinity';
  if (hi === -0x80000000 && lo === 0) return '-infinity';
  const unixMicros = hi * TWO_32 + lo + PG_EPOCH_MICROS;
  const ms = Math.floor(unixMicros / 1000);
  const micros = unixMicros - ms * 1000;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
};

const valueAt = (
  view: DataView,
  bytes: Uint8Array,
  at: number,
  length: number,
  type: BinaryType,
) => {
  switch (type) {
    case 'text':
      return decoder.decode(bytes.subarray(at, at + length));
    case 'boolean':
      return bytes[at] !== 0;
    case 'integer':
      return view.getInt32(at);
    case 'bigint':
      return view.getInt32(at) * TWO_32 + view.getUint32(at + 4);
    case 'timestamptz':
      return timestampText(view, at);
  }
};

export function readCopyBinary(
  bytes: Uint8Array,
  types: readonly BinaryType[],
  columns?: readonly number[],
): unknown[][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 21 || SIGNATURE.some((b, i) => bytes[i] !== b))
    throw new CopyFormatError('not a binary COPY payload');
  const wanted = columns ? new Set(columns) : null;
  let at = SIGNATURE.length + 4;
  at += 4 + view.getInt32(at); // header extension
  const rows: unknown[][] = [];
  for (;;) {
    const count = view.getInt16(at);
    at += 2;
    if (count === -1) return rows;
    if (count < types.length) throw new CopyFormatError(`a row has ${count} fields`);
    const row: unknown[] = new Array<unknown>(types.length).fill(null);
    for (let i = 0; i < count; i++) {
      const length = view.getInt32(at);
      at += 4;
      if (length < 0) continue;
      if (i < types.length && (!wanted || wanted.has(i)))
        row[i] = valueAt(view, bytes, at, length, types[i] as BinaryType);
      at += length;
    }
    rows.push(row);
  }
}
