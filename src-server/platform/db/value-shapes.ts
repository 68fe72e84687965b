/**
 * The JS shapes every SqlPort returns, identical on PGlite and on node-postgres, so a service
 * never branches on the host. Both adapters install exactly this table (text-format OIDs →
 * parser); any type not listed comes back as PostgreSQL's text output, unparsed.
 *
 *   timestamptz  → ISO-8601 UTC string with milliseconds: '2026-11-12T10:00:00.000Z'
 *                  (microseconds are truncated — JS has no finer clock; 'infinity' and
 *                  '-infinity' stay those strings)
 *   timestamp    → the same without the zone: '2026-11-12T10:00:00.000'
 *   date         → 'YYYY-MM-DD'
 *   numeric      → string, exact ('12.50'); do the arithmetic with decimal.js
 *   int8         → number when it is a safe integer, otherwise bigint (never silently rounded)
 *   int2/int4/oid, float4/float8 → number
 *   bool         → boolean
 *   json/jsonb   → parsed value
 *   bytea        → Uint8Array (not a Node Buffer)
 *   text/varchar/char/uuid/interval/enums/… → string
 *   arrays of the types above → JS arrays of the parsed elements (NULL → null)
 *
 * Sessions run with TimeZone=UTC and DateStyle=ISO (both adapters set it) so the text the
 * server sends is predictable; the timestamp parser still honours any offset it is given.
 */

export type ValueParser = (text: string) => unknown;

const identity: ValueParser = (text) => text;

const TIMESTAMP_RE =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?( BC)?$/;

/** Milliseconds since the epoch for PostgreSQL's ISO text output, or null when it isn't one. */
function timestampMillis(text: string, requireOffset: boolean): number | null {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m;
  if (requireOffset && !sign) return null;
  const year = bc ? 1 - Number(y) : Number(y);
  const millis = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), millis);
  const offsetSeconds = Number(oh ?? 0) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0);
  return date.getTime() - (sign === '-' ? -1 : 1) * offsetSeconds * 1000;
}

export const parseTimestamptz: ValueParser = (text) => {
  if (text === 'infinity' || text === '-infinity') return text;
  const ms = timestampMillis(text, true);
  if (ms === null) throw new Error(`Unexpected timestamptz text from the server: "${text}"`);
  return new Date(ms).toISOString();
};

export const parseTimestamp: ValueParser = (text) => {
  if (text === 'infinity' || text === '-infinity') return text;
  const ms = timestampMillis(text, false);
  if (ms === null) throw new Error(`Unexpected timestamp text from the server: "${text}"`);
  return new Date(ms).toISOString().slice(0, -1);
};

export const parseInt8: ValueParser = (text) => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
};

export const parseBytea: ValueParser = (text) => {
  if (!text.startsWith('\\x')) {
    throw new Error('bytea arrived in escape format; the session must use bytea_output = hex');
  }
  const hex = text.slice(2);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
};

/**
 * PostgreSQL's array text format: {a,"b \"c\"",NULL,{nested}}; an optional dimension
 * prefix ('[0:1]={…}') is skipped. Elements go through the element type's parser.
 */
export function parseArray(text: string, element: ValueParser): unknown {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const parseLevel = (): unknown[] => {
    const out: unknown[] = [];
    i += 1; // '{'
    if (text[i] === '}') {
      i += 1;
      return out;
    }
    for (;;) {
      if (text[i] === '{') {
        out.push(parseLevel());
      } else if (text[i] === '"') {
        let value = '';
        i += 1;
        while (text[i] !== '"') {
          if (text[i] === '\\') i += 1;
          value += text[i];
          i += 1;
        }
        i += 1;
        out.push(element(value));
      } else {
        const start = i;
        while (text[i] !== ',' && text[i] !== '}') i += 1;
        const raw = text.slice(start, i);
        out.push(raw === 'NULL' ? null : element(raw));
      }
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      i += 1; // '}'
      return out;
    }
  };
  return parseLevel();
}

const scalar: Record<number, ValueParser> = {
  16: (t) => t === 't', // bool
  17: parseBytea,
  18: identity, // "char"
  20: parseInt8,
  21: Number, // int2
  23: Number, // int4
  25: identity, // text
  26: Number, // oid
  114: JSON.parse, // json
  700: Number, // float4 ('NaN', 'Infinity' parse as Number does)
  701: Number, // float8
  1042: identity, // bpchar
  1043: identity, // varchar
  1082: identity, // date, already 'YYYY-MM-DD' under DateStyle=ISO
  1114: parseTimestamp,
  1184: parseTimestamptz,
  1700: identity, // numeric: exact decimal string
  2950: identity, // uuid
  3802: JSON.parse, // jsonb
};

/** array OID → element OID, for the element types above. */
const arrays: Record<number, number> = {
  1000: 16,
  1001: 17,
  1002: 18,
  1016: 20,
  1005: 21,
  1007: 23,
  1009: 25,
  1028: 26,
  199: 114,
  1021: 700,
  1022: 701,
  1014: 1042,
  1015: 1043,
  1182: 1082,
  1115: 1114,
  1185: 1184,
  1231: 1700,
  2951: 2950,
  3807: 3802,
};

/** The complete parser table both adapters install; OIDs not in it come back as raw text. */
export const valueParsers: Readonly<Record<number, ValueParser>> = (() => {
  const table: Record<number, ValueParser> = { ...scalar };
  for (const [arrayOid, elementOid] of Object.entries(arrays)) {
    const element = scalar[elementOid] ?? identity;
    table[Number(arrayOid)] = (text) => parseArray(text, element);
  }
  return table;
})();

/** The parser for one OID: the table's, or raw text. */
export const valueParserFor = (oid: number): ValueParser => valueParsers[oid] ?? identity;

/** Session settings both adapters apply so the server's text output is what the parsers expect. */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  bytea_output: 'hex',
};

/**
 * Parameter values as both drivers should see them. node-postgres and PGlite disagree on a
 * few JS types (Date → local time vs ISO; objects → JSON vs "[object Object]" for untyped
 * parameters), so both adapters pass every parameter through this first. Arrays are left as
 * arrays (a SQL array parameter, e.g. `= ANY($1::text[])`); pass JSON arrays for a jsonb
 * column as JSON.stringify(value).
 */
export function normalizeParam(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(normalizeArrayElement);
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

const normalizeArrayElement = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(normalizeArrayElement) : normalizeParam(value);
