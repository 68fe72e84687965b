import { ApiError } from '#shared/api/errors';

/** The ApiError a call was refused with; fails the test if it succeeded or threw anything else. */
export const rejection = async (p: Promise<unknown>): Promise<ApiError> => {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
};
