import { describe, expect, it } from 'vitest';
import { ApiClientError, fieldIssuesOf, isQueuedChange } from '#renderer/api/api-error';
import { createIpcClient } from '#shared/api/ipc-bridge';
import { errorAt, toFieldErrors } from '#renderer/ui/field-errors';

describe('fieldIssuesOf', () => {
  it('reads [{path, message}] with array or dotted paths', () => {
    expect(
      fieldIssuesOf([
        { path: ['redemption', 'codeLimit'], message: 'too small' },
        { path: 'name', message: 'is required' },
      ]),
    ).toEqual([
      { path: 'redemption.codeLimit', message: 'too small' },
      { path: 'name', message: 'is required' },
    ]);
  });

  it('reads an IMMUTABLE_FIELD detail naming the field, using the error message', () => {
    expect(fieldIssuesOf({ field: 'expiry.type' }, 'expiry type cannot change')).toEqual([
      { path: 'expiry.type', message: 'expiry type cannot change' },
    ]);
    expect(fieldIssuesOf({ fields: ['codeGeneration.method'] }, 'immutable')).toEqual([
      { path: 'codeGeneration.method', message: 'immutable' },
    ]);
  });

  it('ignores details that name no field', () => {
    expect(fieldIssuesOf(null)).toEqual([]);
    expect(fieldIssuesOf({ what: 'offer', id: 'x' })).toEqual([]);
  });
});

describe('error replies', () => {
  const over = (reply: unknown) =>
    createIpcClient({ invoke: async () => reply }).send('auth-me', {}) as Promise<unknown>;

  it('are told from outputs only by the error envelope', async () => {
    await expect(over({ items: [] })).resolves.toEqual({ items: [] });
    await expect(
      over({ error: { code: 'CONFLICT', message: 'claimed', details: null } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', status: 409, reached: true });
  });

  it('map an unknown code to INTERNAL but keep the message', async () => {
    await expect(over({ error: { code: 'WEIRD', message: 'boom' } })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'boom',
    });
  });

  it('a bridge that rejects leaves the outcome unknown', async () => {
    const e = await createIpcClient({ invoke: () => Promise.reject(new Error('gone')) })
      .send('auth-me', {})
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e).toMatchObject({
      code: 'UNAVAILABLE',
      reached: false,
      outcomeUnknown: true,
      status: 0,
    });
  });
});

describe('errorAt', () => {
  it('shows an inner issue on the enclosing field', () => {
    const errs = toFieldErrors([
      { path: 'customer.email', message: 'email is not a valid address' },
    ]);
    expect(errorAt(errs, 'customer')).toBe('email is not a valid address');
    expect(errorAt(errs, 'cust')).toBeUndefined();
  });
});

describe('isQueuedChange', () => {
  it('tells a change kept at an offline till from a failure', () => {
    const queued = new ApiClientError('UNAVAILABLE', 'The hub is unreachable: queued', {
      queued: true,
      commandId: '0193',
    });
    expect(isQueuedChange(queued)).toBe(true);
    expect(isQueuedChange(new ApiClientError('UNAVAILABLE', 'no answer'))).toBe(false);
    expect(isQueuedChange(new ApiClientError('CONFLICT', 'x', { queued: true }))).toBe(false);
    expect(isQueuedChange(new Error('queued'))).toBe(false);
  });
});
