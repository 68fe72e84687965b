import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationDef } from '#shared/api/define';
import { operations } from '#shared/api/operations';
import type { Role } from '#shared/api/roles';
import { sampleInputs } from '../../../shared/api/sample-inputs';
import { callOperation } from './api-call';
import { callers, startHubFixture, type Caller, type HubFixture } from './hub-fixture';

const table: Record<string, OperationDef> = operations;
const names = Object.keys(table);

type Verdict = 401 | 403 | 'allowed';

/**
 * What op.roles promises this caller: 'any' is open, 'device' is a till's credential. 'any'
 * beside roles (sync-register) means those roles are let in outright and anyone else must
 * prove themselves in the input (an enrolment code), so without one they are not signed in.
 */
const promised = (op: OperationDef, caller: Caller): Verdict => {
  if (op.roles.includes('any')) {
    const listed = op.roles.filter((r) => r !== 'any');
    return listed.length === 0 || (listed as string[]).includes(caller) ? 'allowed' : 401;
  }
  if (caller === 'anonymous') return 401;
  if (caller === 'device') return op.roles.includes('device') ? 'allowed' : 403;
  return op.roles.includes(caller) ? 'allowed' : 403;
};

type ErrorJson = { error?: { code?: string; details?: { allowed?: unknown; field?: unknown } } };

/**
 * How the call was judged: 401, a role refusal (403 naming the roles allowed, as the
 * dispatcher words it), or let past the role check ('allowed': its answer may still be 400,
 * 404, a rule's 403 or a host's 503 UNAVAILABLE for an operation it does not serve). Any other
 * 5xx is reported as itself: a bug.
 */
const verdictOf = (res: { status: number; json: unknown }): Verdict | number => {
  const error = (res.json as ErrorJson).error;
  if (res.status === 401) return 401;
  if (res.status === 403 && error?.details?.allowed !== undefined) return 403;
  if (res.status === 503 && error?.code === 'UNAVAILABLE') return 'allowed';
  return res.status < 500 ? 'allowed' : res.status;
};

/** Whether a 403 is the store-scope rule (it names the field: storeId or tillId). */
const scopeRefused = (res: { status: number; json: unknown }): boolean => {
  const field = (res.json as ErrorJson).error?.details?.field;
  return res.status === 403 && (field === 'storeId' || field === 'tillId');
};

/** Top-level input fields, from the operation's schema (every branch of a union). */
const inputFields = (op: OperationDef): Set<string> => {
  type Json = { properties?: Record<string, unknown>; anyOf?: Json[]; oneOf?: Json[] };
  const json = z.toJSONSchema(op.input, { io: 'input', unrepresentable: 'any' }) as Json;
  const branches = [json, ...(json.anyOf ?? []), ...(json.oneOf ?? [])];
  return new Set(branches.flatMap((b) => Object.keys(b.properties ?? {})));
};

/**
 * Every operation × {nobody, each role, a till's device credential} over real HTTP against the
 * hub on PGlite: 401 / 403 / allowed exactly as the operation table declares. Generated from
 * `operations`, so a new operation is covered the day it is added. The input is empty (path
 * params "x"): allowed means "not refused for who you are" (400 or 404 are fine, 5xx is not).
 */
describe('roles over HTTP, generated from the operation table', () => {
  let hub: HubFixture;
  beforeAll(async () => {
    hub = await startHubFixture();
  }, 60_000);
  afterAll(() => hub?.close());

  const tokenFor = async (caller: Caller): Promise<string | undefined> => {
    if (caller === 'anonymous') return undefined;
    // A fresh session per call: auth-logout (or a disable) must not spoil the next call.
    return caller === 'device' ? hub.tokens.device : hub.newToken(caller);
  };

  it('covers every operation', () => {
    expect(names.length).toBeGreaterThan(40);
  });

  for (const name of names) {
    it(`${name}: ${table[name]?.roles.join(', ')}`, async () => {
      const op = table[name] as OperationDef;
      const seen: string[] = [];
      const wanted: string[] = [];
      const bugsBefore = hub.internalErrors.length;
      for (const caller of callers) {
        const res = await callOperation(hub.server, name, {}, await tokenFor(caller));
        seen.push(`${caller} → ${verdictOf(res)}`);
        wanted.push(`${caller} → ${promised(op, caller)}`);
      }
      expect(seen).toEqual(wanted);
      expect(hub.internalErrors.slice(bugsBefore)).toEqual([]);
    });
  }
});

const people: Role[] = ['cashier', 'store_manager'];

/**
 * Store scope: a person who works at S1 only, and till T1's device (store S1), naming store S2
 * (or, for the device, till T2) in any operation whose input has storeId or tillId → 403.
 * The same call naming their own store and till is not refused (so the 403 is the scope's).
 */
describe('store scope over HTTP, generated from the operation table', () => {
  let hub: HubFixture;
  beforeAll(async () => {
    hub = await startHubFixture();
  }, 60_000);
  afterAll(() => hub?.close());

  /** Operations naming a store or till that a store-scoped person or the device may call. */
  const scoped = names.filter((name) => {
    const op = table[name] as OperationDef;
    const fields = inputFields(op);
    const open = op.roles.includes('any');
    const person = fields.has('storeId') && people.some((r) => open || op.roles.includes(r));
    const device =
      (fields.has('storeId') || fields.has('tillId')) && (open || op.roles.includes('device'));
    return person || device;
  });

  it('finds the operations that name a store or a till', () => {
    expect(scoped).toEqual(
      expect.arrayContaining(['redemptions-redeem', 'redemptions-validate', 'redemptions-list']),
    );
  });

  for (const name of scoped) {
    it(name, async () => {
      const op = table[name] as OperationDef;
      const fields = inputFields(op);
      const sample = (sampleInputs as Record<string, Record<string, unknown> | undefined>)[name];
      expect(
        sample,
        `${name} needs a sample input (test/shared/api/sample-inputs.ts)`,
      ).toBeDefined();
      const own = {
        ...sample,
        ...(fields.has('storeId') ? { storeId: 'S1' } : {}),
        ...(fields.has('tillId') ? { tillId: 'T1' } : {}),
      };
      const outcomes: string[] = [];
      const wanted: string[] = [];
      const check = async (who: string, token: string, input: object, refused: boolean) => {
        const res = await callOperation(hub.server, name, { ...input }, token);
        const what = `${who} ${JSON.stringify(input).slice(0, 80)}`;
        const verdict =
          res.status >= 500 ? res.status : scopeRefused(res) ? 'scope 403' : 'not scope-refused';
        outcomes.push(`${what} → ${verdict}`);
        wanted.push(`${what} → ${refused ? 'scope 403' : 'not scope-refused'}`);
      };
      for (const role of people) {
        if (!op.roles.includes(role) && !op.roles.includes('any')) continue;
        if (!fields.has('storeId')) continue;
        const token = await hub.newToken(role);
        await check(role, token, { ...own, storeId: 'S2' }, true);
        await check(role, token, own, false);
      }
      if (op.roles.includes('device') || op.roles.includes('any')) {
        const token = hub.tokens.device;
        if (fields.has('storeId')) await check('device', token, { ...own, storeId: 'S2' }, true);
        if (fields.has('tillId')) await check('device', token, { ...own, tillId: 'T2' }, true);
        await check('device', token, own, false);
      }
      expect(outcomes).toEqual(wanted);
    });
  }
});
