import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  rowsToCopyBinary,
  timestampMicros,
  type BinaryType,
} from '#shared/services/sync/till/copy-binary';
import { readCopyBinary } from '#shared/services/sync/till/copy-binary-read';
import { base64ToBytes } from '#shared/sync/base64';

const types: BinaryType[] = ['text', 'boolean', 'integer', 'bigint', 'timestamptz'];

/** A timestamptz as text with microseconds and an offset, from 1900 to 2199. */
const timestamp = fc
  .record({
    ms: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }),
    micros: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ ms, micros }) => `${new Date(ms).toISOString().slice(0, 23)}${micros}+05:30`);

const row = fc.tuple(
  fc.option(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0'))),
  fc.option(fc.boolean()),
  fc.option(fc.integer()),
  fc.option(fc.maxSafeInteger()),
  fc.option(timestamp),
);

describe('reading a binary COPY payload back', () => {
  it('gives every value the encoder wrote, a timestamp as the same instant', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const bytes = rowsToCopyBinary(rows, types);
        expect(bytes).not.toBeNull();
        const back = readCopyBinary(bytes as Uint8Array, types);
        expect(back.length).toBe(rows.length);
        for (const [i, r] of rows.entries()) {
          const b = back[i] as unknown[];
          expect(b.slice(0, 4)).toEqual(r.slice(0, 4));
          if (r[4] === null) expect(b[4]).toBeNull();
          else expect(timestampMicros(b[4] as string)).toBe(timestampMicros(r[4]));
        }
      }),
    );
  });

  it('decodes only the columns asked for', () => {
    const bytes = rowsToCopyBinary([['a', true, 1, 2, '2026-01-02T03:04:05.000001Z']], types);
    expect(readCopyBinary(bytes as Uint8Array, types, [0, 4])).toEqual([
      ['a', null, null, null, '2026-01-02T03:04:05.000001Z'],
    ]);
  });
});

describe('base64ToBytes', () => {
  it('agrees with Node’s decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect([...base64ToBytes(text)]).toEqual([...bytes]);
      }),
    );
  });
});
