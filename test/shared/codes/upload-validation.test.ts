import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCommonCode, validateUploadedCodes } from '../../../src-shared/codes';

describe('uploaded codes', () => {
  it('reports each bad row with its number and reason, and keeps the good rows', () => {
    const existing = new Set(['OLD-1']);
    const result = validateUploadedCodes(
      [
        'abc123',
        'XY',
        'GOOD_2',
        'ABC123',
        'bad code',
        'old-1',
        'tooloooooooooooooooooooooooooooong',
        'é12',
        '',
      ],
      { exists: (code) => existing.has(code), firstRow: 2 },
    );
    expect(result.accepted).toEqual([
      { row: 2, code: 'ABC123' },
      { row: 4, code: 'GOOD_2' },
    ]);
    const byRow = new Map(result.rejected.map((r) => [r.row, r]));
    expect([...byRow.keys()]).toEqual([3, 5, 6, 7, 8, 9, 10]);
    expect(byRow.get(3)!.reasons[0]!.code).toBe('CODE_TOO_SHORT');
    expect(byRow.get(5)!.reasons[0]).toMatchObject({
      code: 'CODE_DUPLICATE_IN_FILE',
      field: 'code',
    });
    expect(byRow.get(5)!.reasons[0]!.message).toContain('row 2');
    expect(byRow.get(6)!.reasons[0]!.message).toContain('a space (U+0020) at position 4');
    expect(byRow.get(7)!.reasons[0]!.code).toBe('CODE_EXISTS_IN_OFFER');
    expect(byRow.get(8)!.reasons[0]!.code).toBe('CODE_TOO_LONG');
    expect(byRow.get(9)!.reasons[0]!.message).toContain('"É" at position 1');
    expect(byRow.get(10)!.reasons[0]!.code).toBe('CODE_EMPTY');
    expect(byRow.get(10)!.raw).toBe('');
  });

  it('accepts every row exactly once or rejects it, and never accepts two equal codes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-dA-D0-9 -]{0,5}$/), { maxLength: 60 }),
        (rows) => {
          const { accepted, rejected } = validateUploadedCodes(rows);
          const rowsSeen = [...accepted.map((a) => a.row), ...rejected.map((r) => r.row)].sort(
            (a, b) => a - b,
          );
          expect(rowsSeen).toEqual(rows.map((_, i) => i + 1));
          const codes = accepted.map((a) => a.code);
          expect(new Set(codes).size).toBe(codes.length);
          expect(codes.every((code) => /^[A-D0-9-]{3,32}$/.test(code))).toBe(true);
          for (const r of rejected) expect(r.reasons.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('one common code', () => {
  it('is normalized and validated', () => {
    expect(validateCommonCode(' summer25 ')).toEqual({ ok: true, value: 'SUMMER25' });
    const bad = validateCommonCode('50%OFF');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reasons[0]!.message).toContain('"%" at position 3');
  });
});
