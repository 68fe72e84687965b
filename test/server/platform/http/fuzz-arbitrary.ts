import fc from 'fast-check';
import { z } from 'zod';

/** The JSON Schema keywords zod 4's toJSONSchema emits for this API's input schemas. */
type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Values nobody should send: NUL and lone surrogates, huge and odd numbers, very long text,
 * text that looks like SQL or paths, dates at the edges, and the wrong type altogether.
 */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\ud83d',
    '%00',
    '%ff',
    '../../etc/passwd',
    "' OR 1=1 --",
    '"; DROP TABLE coupons; --',
    '\u202e\u200b\ufeff',
    '😀'.repeat(50),
    '1e400',
    '-0',
    'NaN',
    '0000-00-00T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '2025-01-01T00:00:00+23:59',
    '9999999999999999999',
    '2147483648',
    '-1',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '2025-02-30T00:00:00Z',
    '-99999999999999999999.99',
    '99999999999999999999999999999999',
    '   ',
    '',
  ),
  fc.constantFrom(
    0,
    -1,
    1e308,
    -1e308,
    5e-324,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    MAX_SAFE,
    -MAX_SAFE,
    1.5,
  ),
  fc.constantFrom(true, false, null, [], {}, [null], { '': null }, [[[[[[[[]]]]]]]]),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.string({ maxLength: 5 }), { minLength: 50, maxLength: 200 }),
);

const anything: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

const numberArb = (s: Schema, integer: boolean): fc.Arbitrary<number> => {
  const lo = Math.max(s.minimum ?? s.exclusiveMinimum ?? -1e6, -MAX_SAFE);
  const hi = Math.min(s.maximum ?? s.exclusiveMaximum ?? 1e6, MAX_SAFE);
  if (integer) return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
  return fc.double({ min: lo, max: hi, noNaN: true });
};

const stringArb = (s: Schema): fc.Arbitrary<string> => {
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date')
    return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'email') return fc.emailAddress();
  if (s.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(s.pattern))
        .filter((t) => t.length <= (s.maxLength ?? 1e4));
    } catch {
      // A pattern fast-check cannot generate from: plain text below.
    }
  }
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 200) });
};

const objectArb = (s: Schema, depth: number): fc.Arbitrary<unknown> => {
  const properties = s.properties ?? {};
  const shape = Object.fromEntries(
    Object.entries(properties).map(([key, child]) => [key, fuzzOf(child, depth + 1)]),
  );
  const known = fc.record(shape, { requiredKeys: (s.required ?? []).filter((k) => k in shape) });
  const extra = s.additionalProperties;
  if (typeof extra !== 'object' || Object.keys(properties).length > 0) return known;
  return fc.dictionary(fc.string({ maxLength: 10 }), fuzzOf(extra, depth + 1), { maxKeys: 4 });
};

const byType = (s: Schema, type: string, depth: number): fc.Arbitrary<unknown> => {
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? fuzzOf(s.items, depth + 1) : anything, {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'object':
      return objectArb(s, depth);
    default:
      return anything;
  }
};

/** Mostly what the schema describes (so handlers run), now and then a nasty value at any node. */
const fuzzOf = (s: Schema, depth: number): fc.Arbitrary<unknown> => {
  const fitting = wellFormed(s, depth);
  return fc.oneof({ weight: 6, arbitrary: fitting }, { weight: 1, arbitrary: nastyValue });
};

const wellFormed = (s: Schema, depth: number): fc.Arbitrary<unknown> => {
  if (depth > 6) return anything;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches && branches.length > 0)
    return fc.oneof(...branches.map((b) => fuzzOf(b, depth + 1)));
  if (s.allOf?.[0]) return wellFormed(s.allOf[0], depth);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t) => byType(s, t, depth)));
  if (s.type) return byType(s, s.type, depth);
  if (s.properties) return objectArb(s, depth);
  return anything;
};

/** Real ids and codes by field name, so some inputs reach past "not found" into the handler. */
export type KnownValues = Record<string, readonly string[]>;

/** Replaces fields named in `known` (at any depth) with one of their real values. */
const withKnown = (value: unknown, known: KnownValues, pick: () => number): unknown => {
  if (Array.isArray(value)) return value.map((v) => withKnown(v, known, pick));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      const real = known[key];
      if (real && real.length > 0 && typeof v === 'string')
        return [key, real[pick() % real.length]];
      return [key, withKnown(v, known, pick)];
    }),
  );
};

type Path = (string | number)[];

const pathsOf = (value: unknown, at: Path = []): Path[] => {
  if (typeof value !== 'object' || value === null) return [at];
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => pathsOf(v, [...at, i]))
    : Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]));
  return at.length === 0 ? children : [at, ...children];
};

const replaceAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
};

/**
 * Inputs for an operation: drawn from its zod schema (as the API documents it) with nasty
 * values at random nodes; its valid sample with one node replaced by a nasty value (so the
 * handler runs with exactly one bad field); or a body of unknown fields only. Fields named in
 * `known` often carry real ids, so calls get past "not found".
 */
export const fuzzInputs = (
  input: z.ZodType,
  sample: Record<string, unknown> | undefined,
  known: KnownValues,
): fc.Arbitrary<Record<string, unknown>> => {
  const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as Schema;
  const drawn = wellFormed({ ...schema, type: 'object' }, 0);
  const garbage = fc.dictionary(fc.string({ maxLength: 8 }), nastyValue, { maxKeys: 3 });
  const arms: fc.WeightedArbitrary<unknown>[] = [
    { weight: 4, arbitrary: drawn },
    { weight: 1, arbitrary: garbage },
  ];
  const paths = sample ? pathsOf(sample) : [];
  if (sample && paths.length > 0) {
    const mutated = fc
      .tuple(fc.constantFrom(...paths), fc.oneof(nastyValue, drawn))
      .map(([path, bad]) => replaceAt(sample, path, bad));
    arms.push({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: fc.constant(sample) });
  }
  return fc.tuple(fc.oneof(...arms), fc.boolean(), fc.nat()).map(([value, useKnown, seed]) => {
    let n = seed;
    const object = typeof value === 'object' && value !== null && !Array.isArray(value);
    const base = object ? value : { value };
    return (useKnown ? withKnown(base, known, () => n++) : base) as Record<string, unknown>;
  });
};
