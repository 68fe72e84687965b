import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createInProcessClient } from '#shared/api/client';
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { createHttpClient } from '#shared/api/http-client';
import { operations, type OperationName } from '#shared/api/operations';
import { adminPrincipal, callerFor, devicePrincipal } from '../../../shared/api/callers';
import { fixedNow, unusedSql, userPrincipal } from '../../../shared/api/context';
import { createRecordingHandlers } from '../../../shared/api/fake-handlers';
import { sampleInputs } from '../../../shared/api/sample-inputs';
import { startHarness, type Harness } from './harness';

const names = Object.keys(operations) as OperationName[];
const parse = (name: OperationName, input: unknown): unknown =>
  (operations[name].input as z.ZodType).parse(input);

describe('typed HTTP client against the HTTP app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.server.close());

  it('has a sample input for every operation', () => {
    expect(names.filter((name) => sampleInputs[name] === undefined)).toEqual([]);
  });

  it('reaches every operation, each handler getting exactly the parsed input', async () => {
    const clients = {
      admin: createHttpClient(h.server.url, 'tok-admin'),
      device: createHttpClient(h.server.url, 'tok-device'),
    };
    for (const name of names) {
      const client = clients[callerFor(name)];
      h.calls.length = 0;
      const sample = sampleInputs[name];
      // Send through the untyped door to loop over the table.
      const output = await (client.send as (n: string, i: unknown) => Promise<unknown>)(
        name,
        sample,
      );
      expect(
        h.calls.map((c) => c.name),
        name,
      ).toEqual([name]);
      expect(h.calls[0]?.input, name).toEqual(parse(name, sample));
      const op = operations[name] as { response?: string };
      expect(output, name).toEqual(
        op.response === 'csv' ? { csv: `op,${name}\n` } : { op: name, input: parse(name, sample) },
      );
    }
  });

  it('rejects with the server’s ApiError', async () => {
    const client = createHttpClient(h.server.url, 'tok-cashier');
    const error = await client
      .send('offers-create', {
        name: 'x',
        expiry: { type: 'FIXED_DATE', endsAt: '2030-01-01T00:00:00Z' },
        discount: { type: 'FIXED', amount: '1.00', currency: 'INR' },
        codeGeneration: { method: 'UPLOADED' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('FORBIDDEN');
    const anonymous = createHttpClient(h.server.url);
    await expect(anonymous.send('org-list', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects with UNAVAILABLE when the server cannot be reached', async () => {
    const other = await startHarness();
    const url = other.server.url;
    await other.server.close();
    const client = createHttpClient(url, 'tok-admin');
    await expect(client.send('org-list', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('in-process client', () => {
  it('reaches every operation through the dispatcher as the given principal', async () => {
    const { handlers, calls } = createRecordingHandlers();
    const dispatch = bindDispatch(createDispatcher(handlers), {
      sql: unusedSql,
      now: () => fixedNow,
      host: 'hub',
    });
    const clients = {
      admin: createInProcessClient(dispatch, adminPrincipal),
      device: createInProcessClient(dispatch, devicePrincipal),
    };
    for (const name of names) {
      const client = clients[callerFor(name)];
      await (client.send as (n: string, i: unknown) => Promise<unknown>)(name, sampleInputs[name]);
    }
    expect(calls.map((c) => c.name)).toEqual(names);
    expect(calls.map((c) => c.input)).toEqual(names.map((n) => parse(n, sampleInputs[n])));
    const cashier = createInProcessClient(dispatch, userPrincipal('cashier'));
    await expect(cashier.send('users-create', sampleInputs['users-create']!)).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
  });
});
