import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { COMMON_PASSWORDS_TEXT } from '#shared/services/auth/common-passwords';
import { authHandlers } from '#shared/services/auth/handlers';
import { isCommonPassword, passwordProblem } from '#shared/services/auth/password-policy';
import { createRecordingHandlers } from '../../api/fake-handlers';
import { freshPglite, type TestDb } from '../../../helpers/db';

describe('password policy', () => {
  it('bundles the 10,000 most common passwords', () => {
    const lines = COMMON_PASSWORDS_TEXT.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(10_000);
    expect(lines).toContain('password');
    expect(lines).toContain('qwerty123456');
  });

  it('needs 12 characters, counted as a person counts them', () => {
    expect(passwordProblem('eleven-char')).toMatch(/^must be at least 12 characters/);
    expect(passwordProblem('twelve-chars')).toBeNull();
    // Twelve emoji are 24 UTF-16 units but twelve characters; eleven are too few.
    expect(passwordProblem('🔑'.repeat(11))).toMatch(/at least 12/);
    expect(passwordProblem('🔑'.repeat(12))).toBeNull();
  });

  it('refuses a common password whatever its case', () => {
    expect(isCommonPassword('QwErTy123456')).toBe(true);
    expect(passwordProblem('QWERTY123456')).toMatch(/10,000 most common passwords/);
    expect(passwordProblem('1q2w3e4r5t6y')).toMatch(/most common/);
  });
});

describe('users-create applies the policy', () => {
  let db: TestDb;
  const dispatch = createDispatcher({ ...createRecordingHandlers().handlers, ...authHandlers });
  beforeAll(async () => {
    db = await freshPglite();
  });
  afterAll(() => db.close());

  const create = (password: string) =>
    dispatch(
      'users-create',
      { username: 'new.one', password, role: 'cashier' },
      { sql: db.sql, principal: { kind: 'system' }, now: () => new Date(), host: 'hub' },
    ).catch((e: unknown) => e);

  it('names the field and the fix, and creates nobody', async () => {
    const short = (await create('short-pw')) as ApiError;
    expect(short).toBeInstanceOf(ApiError);
    expect(short.code).toBe('INVALID_INPUT');
    expect(short.message).toMatch(/^password: must be at least 12 characters; a phrase of/);
    const common = (await create('Qwerty123456')) as ApiError;
    expect(common.code).toBe('INVALID_INPUT');
    expect(common.message).toMatch(/^password: is one of the 10,000 most common passwords/);
    expect(common.details).toEqual([{ path: 'password', message: expect.any(String) }]);
    expect(await db.sql.query('SELECT 1 FROM users')).toEqual([]);
  });
});
