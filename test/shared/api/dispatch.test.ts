import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { OperationDef } from '#shared/api/define';
import { createDispatcher } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { operations, type OperationName } from '#shared/api/operations';
import { roles } from '#shared/api/roles';
import { contextFor, fixedNow, unusedSql, userPrincipal } from './context';
import { createRecordingHandlers } from './fake-handlers';
import { sampleInputs } from './sample-inputs';

const names = Object.keys(operations) as OperationName[];
const table: Record<string, OperationDef> = operations;

const rejection = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to reject');
};

describe('createDispatcher', () => {
  it('answers NOT_FOUND for an unknown operation, without calling anything', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const error = await rejection(
      dispatch('offers-delete', {}, contextFor(userPrincipal('admin'))),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.message).toContain('offers-delete');
    // Object.prototype names are not operations either.
    expect((await rejection(dispatch('toString', {}, contextFor(null)))).code).toBe('NOT_FOUND');
    expect(calls).toHaveLength(0);
  });

  it('rejects bad input with INVALID_INPUT naming the first field and listing every issue', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const error = await rejection(
      dispatch(
        'redemptions-validate',
        { code: 'ABC', billAmount: '12,50', storeId: 'store-1' },
        contextFor(userPrincipal('cashier')),
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.status).toBe(400);
    expect(error.message).toBe('billAmount: must be a decimal number such as 12.50 (and 1 more)');
    expect(error.details).toEqual([
      { path: 'billAmount', message: 'must be a decimal number such as 12.50' },
      { path: 'tillId', message: 'is required' },
    ]);
    expect(calls).toHaveLength(0);
  });

  it('reports nested paths, and the closest branch of a union', async () => {
    const dispatch = createDispatcher(createRecordingHandlers().handlers);
    const error = await rejection(
      dispatch(
        'redemptions-redeem',
        {
          code: 'ABC',
          billAmount: '10.00',
          storeId: 's',
          tillId: 't',
          customer: { email: 'not-an-email' },
          items: [{ sku: 'X', price: '1.00', qty: 0 }],
        },
        contextFor(userPrincipal('cashier')),
      ),
    );
    expect(error.details).toEqual([
      { path: 'customer.email', message: 'email is not a valid address' },
      { path: 'items.0.qty', message: expect.stringContaining('>0') },
    ]);
    expect(error.message).toMatch(/^customer\.email: email is not a valid address/);
  });

  it('passes the parsed input (defaults, coercions) and the context to the handler', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const principal = userPrincipal('cashier');
    const output = await dispatch(
      'offers-list',
      { limit: '7', activeOnly: '1' },
      contextFor(principal),
    );
    const expected = { limit: 7, offset: 0, sort: 'modified', activeOnly: true };
    expect(output).toEqual({ op: 'offers-list', input: expected });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toEqual(expected);
    expect(calls[0]?.ctx.principal).toEqual(principal);
    expect(calls[0]?.ctx.now()).toEqual(fixedNow);
    expect(calls[0]?.ctx.host).toBe('hub');
    expect(calls[0]?.ctx.sql).toBe(unusedSql);
  });

  it('hands the host hooks (journal, recordFact) through to the handler', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const journal = { append: async () => undefined };
    const recordFact = async () => undefined;
    await dispatch(
      'org-list',
      {},
      { ...contextFor(userPrincipal('cashier')), journal, recordFact },
    );
    expect(calls[0]?.ctx.journal).toBe(journal);
    expect(calls[0]?.ctx.recordFact).toBe(recordFact);
  });

  it('treats undefined input as an empty object', async () => {
    const dispatch = createDispatcher(createRecordingHandlers().handlers);
    await expect(
      dispatch('org-list', undefined, contextFor(userPrincipal('cashier'))),
    ).resolves.toEqual({
      op: 'org-list',
      input: {},
    });
  });

  it('lets anyone sign in, handing the handler an anonymous principal', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    await dispatch('auth-login', { username: 'a', password: 'b' }, contextFor(null));
    expect(calls[0]?.ctx.principal).toEqual({ kind: 'anonymous' });
  });

  it('answers UNAUTHENTICATED when nobody is signed in, before looking at the input', async () => {
    const dispatch = createDispatcher(createRecordingHandlers().handlers);
    for (const principal of [null, { kind: 'anonymous' } as const]) {
      const error = await rejection(
        dispatch('offers-create', { junk: true }, contextFor(principal)),
      );
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.status).toBe(401);
    }
  });

  it('allows exactly the roles an operation lists (every operation × every role)', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    for (const name of names) {
      const op = table[name] as OperationDef;
      for (const role of roles) {
        const call = dispatch(name, sampleInputs[name], contextFor(userPrincipal(role)));
        if (op.roles.includes(role) || op.roles.includes('any')) {
          await expect(call, `${role} → ${name}`).resolves.toBeDefined();
        } else {
          const error = await rejection(call);
          expect(error.code, `${role} → ${name}`).toBe('FORBIDDEN');
          expect(error.message).toContain(role);
        }
      }
    }
    expect(calls.length).toBeGreaterThan(names.length);
  });

  it('keeps store-scoped people to their stores', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const input = { code: 'ABC', billAmount: '10.00', storeId: 'store-2', tillId: 't-1' };
    const scoped = contextFor(userPrincipal('cashier', ['store-1']));
    const error = await rejection(dispatch('redemptions-redeem', input, scoped));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('store-2');
    expect(calls).toHaveLength(0);

    await dispatch('redemptions-redeem', { ...input, storeId: 'store-1' }, scoped);
    await dispatch('redemptions-redeem', input, contextFor(userPrincipal('cashier', null)));
    expect(calls.map((c) => (c.input as { storeId: string }).storeId)).toEqual([
      'store-1',
      'store-2',
    ]);
  });

  it('refuses device credentials on operations not open to devices, and lets the system in', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = createDispatcher(handlers);
    const device = contextFor({ kind: 'device', tillId: 't-1', storeId: 's-1' });
    expect((await rejection(dispatch('offers-list', {}, device))).code).toBe('FORBIDDEN');
    await dispatch('users-create', sampleInputs['users-create'], contextFor({ kind: 'system' }));
    expect(calls.map((c) => c.name)).toEqual(['users-create']);
  });

  it('passes ApiErrors through unchanged', async () => {
    const refusal = new ApiError('RULE_FAILED', 'coupon expired', [{ code: 'EXPIRED' }]);
    const { handlers } = createRecordingHandlers({
      'coupons-get': () => {
        throw refusal;
      },
    });
    const dispatch = createDispatcher(handlers);
    const error = await rejection(
      dispatch('coupons-get', { code: 'X' }, contextFor(userPrincipal('cashier'))),
    );
    expect(error).toBe(refusal);
    expect(error.status).toBe(422);
  });

  it('turns other errors into INTERNAL, logs them and does not leak their text', async () => {
    const bug = new TypeError('cannot read properties of undefined (secret detail)');
    const onInternalError = vi.fn();
    const { handlers } = createRecordingHandlers({
      'coupons-get': async () => {
        throw bug;
      },
    });
    const dispatch = createDispatcher(handlers, { onInternalError });
    const error = await rejection(
      dispatch('coupons-get', { code: 'X' }, contextFor(userPrincipal('cashier'))),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
    expect(error.message).not.toContain('secret');
    expect(onInternalError).toHaveBeenCalledWith(bug, 'coupons-get');
  });

  it('refuses at a till every operation only the hub serves, saying where to go', async () => {
    const dispatch = createDispatcher(createRecordingHandlers().handlers);
    const hubOnly = names.filter((n) => operations[n].servedBy === 'hub');
    expect(hubOnly).toContain('reconciliation-list');
    for (const name of hubOnly) {
      const e = await rejection(
        dispatch(name, sampleInputs[name], contextFor({ kind: 'system' }, 'till')),
      );
      expect(e.code, name).toBe('UNAVAILABLE');
      expect(e.message).toMatch(/served by the hub/);
    }
  });

  it('rejects only with ApiError, whatever the input (property)', async () => {
    const dispatch = createDispatcher(createRecordingHandlers().handlers, {
      onInternalError: () => {
        throw new Error('no handler here fails, so INTERNAL must never happen');
      },
    });
    const admin = contextFor({ kind: 'system' });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything(), async (name, raw) => {
        try {
          await dispatch(name, raw, admin);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          const apiError = error as ApiError;
          expect(apiError.code).toBe('INVALID_INPUT');
          expect(Array.isArray(apiError.details)).toBe(true);
          expect((apiError.details as unknown[]).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
