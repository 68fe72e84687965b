import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { badTextReason, findBadText } from '#shared/api/text-hygiene';
import { contextFor, userPrincipal } from './context';
import { createRecordingHandlers } from './fake-handlers';

const refusal = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe('the dispatcher refuses text that cannot be stored (every transport, IPC included)', () => {
  const admin = contextFor(userPrincipal('admin'));

  it('a NUL in a nested field is INVALID_INPUT naming it, and the handler never runs', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const error = await refusal(
      dispatch('coupons-issue', { id: 'o-1', customer: { email: 'a\u0000@b.c' } }, admin),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.status).toBe(400);
    expect(error.details).toEqual([
      { path: 'customer.email', message: 'contains a NUL character (U+0000)' },
    ]);
    expect(calls).toHaveLength(0);
  });

  it('a lone surrogate inside a list is refused; a well-formed pair (emoji) is not', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const rates = (effectiveFrom: string) => ({
      rates: [{ from: 'USD', to: 'INR', rate: '1.00', effectiveFrom }],
    });
    const error = await refusal(dispatch('currency-rates-put', rates('\udc00'), admin));
    expect(error.details).toEqual([
      { path: 'rates.0.effectiveFrom', message: expect.stringMatching(/surrogate/) },
    ]);
    await dispatch('coupons-issue', { id: 'o-1', customer: { userId: '1' }, code: 'A😀' }, admin);
    expect(calls).toHaveLength(1);
  });

  it('names the line of a NUL in multi-line text such as a CSV', () => {
    expect(badTextReason('email\na@b.c\nx\u0000y\n')).toBe(
      'contains a NUL character (U+0000) on line 3',
    );
  });

  it('walks deep and shared structures without overflowing the stack or looping', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findBadText(deep)?.message).toMatch(/NUL/);
    const shared = { a: 'ok' };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(findBadText(cyclic)).toBeNull();
  });

  it('finds a NUL or lone surrogate wherever it is hidden, and nothing in clean text', () => {
    const clean = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));
    const bad = fc.constantFrom('\u0000', '\ud800', '\udfff', 'a\ud83d');
    fc.assert(
      fc.property(
        clean,
        clean,
        bad,
        fc.array(fc.string(), { maxLength: 3 }),
        (pre, post, b, path) => {
          let value: unknown = `${pre}${b}${post}`;
          for (const key of path) value = { [key === '' ? 'k' : key]: value };
          expect(findBadText(value)).not.toBeNull();
          expect(findBadText({ text: `${pre}${post}` })).toBeNull();
        },
      ),
    );
  });
});
