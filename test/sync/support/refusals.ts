import { ApiError } from '#shared/api/errors';

/** The ApiError a call was refused with (fails the test when the call succeeds). */
export const refusal = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
};

/** The reasons a RULE_FAILED refusal carries. */
export const reasonsOf = (e: ApiError): { code: string; message: string }[] =>
  (e.details as { reasons?: { code: string; message: string }[] } | null)?.reasons ?? [];
