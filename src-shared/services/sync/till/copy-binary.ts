/**
 * Pulled rows as a COPY … FROM (FORMAT binary) payload. In PGlite the text input functions
 * are a large share of a first pull: a timestamptz with microseconds costs about 1.5 µs to
 * parse (its fractional seconds go through strtod, slow in WASM) against 0.3 µs without, and a
 * coupon carries four of them. In binary, a timestamptz is its int64 of microseconds since
 * 2000-01-01 UTC, an integer its bytes, text its UTF-8: PostgreSQL parses nothing.
 *
 * Only the types the big tables use are encoded (text, boolean, integer, bigint, timestamptz);
 * a value the encoder does not recognise (a timestamp outside years 1000–9999, say) makes
 * `rowsToCopyBinary` answer null, and the caller loads that chunk as CSV instead.
 */
export type BinaryType = 'text' | 'boolean' | 'integer' | 'bigint' | 'timestamptz';

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const TWO_32 = 2 ** 32;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
const daysFromCivil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};
const PG_EPOCH_DAYS = daysFromCivil(2000, 1, 1);

/** The decimal number in text[from, to), or -1 if any of it is not a digit. */
const digits = (text: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
};

/**
 * Microseconds since 2000-01-01 UTC of what the hub's json_build_array makes of a timestamptz
 * (ISO 8601, `YYYY-MM-DDTHH:MM:SS[.ffffff]` and a numeric offset `±HH[:MM[:SS]]` or `Z`), or
 * null for anything else. Read by hand: a regular expression and Date.UTC cost three times as
 * much, and a first pull reads millions of these.
 */
export function timestampMicros(text: string): number | null {
  const n = text.length;
  if (n < 20) return null;
  const sep = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    (sep !== 84 && sep !== 32) ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return null;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  const h = digits(text, 11, 13);
  const mi = digits(text, 14, 16);
  const s = digits(text, 17, 19);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59)
    return null;
  if (s < 0 || s > 60) return null;
  let at = 19;
  let fraction = 0;
  if (text.charCodeAt(at) === 46) {
    let end = at + 1;
    while (end < n && end - at <= 6 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57)
      end++;
    const width = end - at - 1;
    if (width === 0) return null;
    fraction = digits(text, at + 1, end) * 10 ** (6 - width);
    at = end;
  }
  let offset = 0;
  const sign = text.charCodeAt(at);
  if (sign === 90) {
    if (at + 1 !== n) return null;
  } else if (sign === 43 || sign === 45) {
    const oh = digits(text, at + 1, at + 3);
    if (oh < 0) return null;
    let om = 0;
    let os = 0;
    let rest = at + 3;
    if (rest < n) {
      if (text.charCodeAt(rest) !== 58) return null;
      om = digits(text, rest + 1, rest + 3);
      rest += 3;
      if (rest < n) {
        if (text.charCodeAt(rest) !== 58) return null;
        os = digits(text, rest + 1, rest + 3);
        rest += 3;
      }
    }
    if (rest !== n || om < 0 || os < 0) return null;
    offset = (sign === 45 ? -1 : 1) * (oh * 3600 + om * 60 + os);
  } else return null;
  const days = daysFromCivil(y, mo, d) - PG_EPOCH_DAYS;
  const seconds = days * 86400 + h * 3600 + mi * 60 + s - offset;
  return seconds * 1_000_000 + fraction;
}

/** A growable byte buffer with big-endian writers. */
class Bytes {
  buf = new Uint8Array(1 << 16);
  view = new DataView(this.buf.buffer);
  at = 0;
  // Every runtime a till runs on (Node, Electron) has encodeInto; platform.d.ts declares less.
  private readonly encoder = new TextEncoder() as unknown as {
    encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
  };

  ensure(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  int16(v: number): void {
    this.ensure(2);
    this.view.setInt16(this.at, v);
    this.at += 2;
  }
  int32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.at, v);
    this.at += 4;
  }
  /** A safe integer as int64 (two's complement across the two halves). */
  int64(v: number): void {
    this.ensure(8);
    const hi = Math.floor(v / TWO_32);
    this.view.setInt32(this.at, hi);
    this.view.setUint32(this.at + 4, v - hi * TWO_32);
    this.at += 8;
  }
  text(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; the length goes in front once known.
    this.ensure(4 + s.length * 3);
    const start = this.at + 4;
    const { written } = this.encoder.encodeInto(s, this.buf.subarray(start));
    this.view.setInt32(this.at, written);
    this.at = start + written;
  }
}

const field = (out: Bytes, type: BinaryType, value: unknown): boolean => {
  if (value === null || value === undefined) {
    out.int32(-1);
    return true;
  }
  switch (type) {
    case 'text':
      if (typeof value !== 'string' || value.includes('\0')) return false;
      out.text(value);
      return true;
    case 'boolean':
      if (typeof value !== 'boolean') return false;
      out.int32(1);
      out.ensure(1);
      out.buf[out.at++] = value ? 1 : 0;
      return true;
    case 'integer':
      if (
        !Number.isInteger(value) ||
        (value as number) > 2 ** 31 - 1 ||
        (value as number) < -(2 ** 31)
      )
        return false;
      out.int32(4);
      out.int32(value as number);
      return true;
    case 'bigint':
      if (!Number.isSafeInteger(value)) return false;
      out.int32(8);
      out.int64(value as number);
      return true;
    case 'timestamptz': {
      const micros = typeof value === 'string' ? timestampMicros(value) : null;
      if (micros === null || !Number.isSafeInteger(micros)) return false;
      out.int32(8);
      out.int64(micros);
      return true;
    }
  }
};

/**
 * The rows (shared column order, `types` alike) followed by `hub_xid` = 0, or null when a
 * value does not fit its type's encoding (load as CSV then).
 */
export function rowsToCopyBinary(
  rows: readonly (readonly unknown[])[],
  types: readonly BinaryType[],
): Uint8Array | null {
  const out = new Bytes();
  out.ensure(19);
  out.buf.set(SIGNATURE, 0);
  out.at = SIGNATURE.length;
  out.int32(0); // flags
  out.int32(0); // header extension length
  for (const row of rows) {
    if (row.length !== types.length) return null;
    out.int16(types.length + 1);
    for (let i = 0; i < types.length; i++) {
      if (!field(out, types[i] as BinaryType, row[i])) return null;
    }
    out.int32(8);
    out.int64(0); // hub_xid
  }
  out.int16(-1);
  return out.buf.slice(0, out.at);
}
