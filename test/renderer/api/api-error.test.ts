import { describe, expect, it } from 'vitest';
import { errorFromBody, fieldIssuesOf } from '../../../src-renderer/api/api-error';
import { errorAt, toFieldErrors } from '../../../src-renderer/ui/field-errors';

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

describe('errorFromBody', () => {
  it('accepts only the error envelope', () => {
    expect(errorFromBody({ items: [] })).toBeNull();
    expect(
      errorFromBody({ error: { code: 'CONFLICT', message: 'claimed', details: null } }, 409),
    ).toMatchObject({ code: 'CONFLICT', status: 409 });
  });

  it('maps an unknown code to INTERNAL but keeps the message', () => {
    expect(errorFromBody({ error: { code: 'WEIRD', message: 'boom' } })).toMatchObject({
      code: 'INTERNAL',
      message: 'boom',
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
