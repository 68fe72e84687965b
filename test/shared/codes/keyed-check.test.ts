import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMERIC, keyedCheck, randomBytes, verifyKeyedCheck } from '../../../src-shared/codes';

describe('keyed check characters', () => {
  const key = randomBytes(32);
  const subject = { series: 'offer-7', item: 1234, customer: 'cust-9' };

  it('are deterministic, of the asked length and alphabet, and verify in any case', async () => {
    const check = await keyedCheck(key, subject, { length: 3 });
    expect(check).toMatch(/^[0-9A-Z]{3}$/);
    expect(await keyedCheck(key, subject, { length: 3 })).toBe(check);
    expect(await verifyKeyedCheck(key, subject, check.toLowerCase(), { length: 3 })).toBe(true);
    expect(await keyedCheck(key, subject, { length: 4, alphabet: NUMERIC })).toMatch(/^[0-9]{4}$/);
  });

  it('bind the customer, the item, the series and the key', async () => {
    const base = await keyedCheck(key, subject, { length: 6 });
    const variants = await Promise.all([
      keyedCheck(key, { ...subject, customer: 'cust-10' }, { length: 6 }),
      keyedCheck(key, { series: subject.series, item: subject.item }, { length: 6 }),
      keyedCheck(key, { ...subject, item: 1235 }, { length: 6 }),
      keyedCheck(key, { ...subject, series: 'offer-8' }, { length: 6 }),
      keyedCheck(randomBytes(32), subject, { length: 6 }),
    ]);
    // 36^6 ≈ 2.2e9 values: any equality here would be a bug, not chance.
    for (const variant of variants) expect(variant).not.toBe(base);
  });

  it('reject wrong checks', async () => {
    const check = await keyedCheck(key, subject, { length: 2 });
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9A-Z]{2}$/), async (guess) => {
        expect(await verifyKeyedCheck(key, subject, guess, { length: 2 })).toBe(guess === check);
      }),
      { numRuns: 50 },
    );
    expect(await verifyKeyedCheck(key, subject, `${check}X`, { length: 2 })).toBe(false);
  });

  it('refuse short keys and bad lengths', async () => {
    await expect(keyedCheck(new Uint8Array(4), subject, { length: 2 })).rejects.toThrow(/16 bytes/);
    await expect(keyedCheck(key, subject, { length: 0 })).rejects.toThrow(/1 to 8/);
  });
});
