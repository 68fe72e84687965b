import { expect } from 'vitest';
import { ApiError } from '#shared/api/errors';

/** Awaits a rejection and returns it as an ApiError (failing the test if it is not one). */
export async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}
