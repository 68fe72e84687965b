import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationDef } from '#shared/api/define';
import { operations } from '#shared/api/operations';
import { callOperation, type CallResult } from './api-call';
import { fuzzInputs, type KnownValues } from './fuzz-arbitrary';
import { seedFuzzWorld } from './fuzz-world';
import { startHubFixture, type HubFixture } from './hub-fixture';
import { sampleInputs } from '../../../shared/api/sample-inputs';

const table: Record<string, OperationDef> = operations;

/** Runs per operation and caller: ~60 operations × 20 stay well inside two minutes. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** Replay a failure with FUZZ_SEED=<the seed fast-check printed>. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** One request, on a slow shared two-core machine, PGlite included. */
const MAX_MS = 5_000;

type Who = 'admin' | 'device';

/** As an admin where people may call it, and as the device where tills may. */
const whoCalls = (op: OperationDef): Who[] => {
  const open = op.roles.includes('any');
  const who: Who[] = [];
  if (open || op.roles.includes('admin')) who.push('admin');
  if (op.roles.includes('device')) who.push('device');
  return who;
};

/**
 * Every route, fed inputs drawn from its own zod schema and mutated (NUL, lone surrogates,
 * huge numbers, wrong types, very long text, odd dates) over real HTTP against the hub on
 * PGlite: no answer may be a 5xx, and each must come back within MAX_MS.
 */
describe(`fuzzing every route from its schema (seed ${SEED}, ${RUNS} runs each)`, () => {
  let hub: HubFixture;
  let known: KnownValues;
  beforeAll(async () => {
    hub = await startHubFixture();
    known = await seedFuzzWorld(hub);
  }, 60_000);
  const samples = sampleInputs as Record<string, Record<string, unknown> | undefined>;
  // A fresh admin session per call: auth-logout or a disable must not spoil the rest.
  const tokenFor = (who: Who): Promise<string> =>
    who === 'device' ? Promise.resolve(hub.tokens.device) : hub.newToken('admin');
  afterAll(() => hub?.close());

  for (const [name, op] of Object.entries(table)) {
    for (const who of whoCalls(op)) {
      it(`${name} as ${who}`, async () => {
        // A fuzzed call may have revoked the till's credential (sync-devices-revoke T1).
        if (who === 'device') await hub.renewDevice();
        const failures: string[] = [];
        const bugsBefore = hub.internalErrors.length;
        // An operation this host does not serve (a till's own set-up, asked of the hub) answers
        // 503 UNAVAILABLE to every valid input: allowed, as long as no input ever succeeded.
        const served = { ok: 0, unavailable: 0 };
        await fc
          .assert(
            fc.asyncProperty(fuzzInputs(op.input, samples[name], known), async (input) => {
              const token = await tokenFor(who);
              let res: CallResult;
              try {
                res = await callOperation(hub.server, name, input, token, MAX_MS);
              } catch (error) {
                failures.push(`${JSON.stringify(input).slice(0, 300)} → ${String(error)}`);
                return false;
              }
              const code = (res.json as { error?: { code?: string } }).error?.code;
              const hostRefusal = res.status === 503 && code === 'UNAVAILABLE';
              if (hostRefusal) served.unavailable += 1;
              if (res.status < 300) served.ok += 1;
              const bad = (res.status >= 500 && !hostRefusal) || res.ms > MAX_MS;
              if (bad) {
                failures.push(
                  `${res.request} ${JSON.stringify(input).slice(0, 300)} → ${res.status} in ${Math.round(res.ms)} ms: ${JSON.stringify(res.json).slice(0, 300)}`,
                );
              }
              return !bad;
            }),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          )
          .catch((error: unknown) => {
            throw new Error(`${failures.join('\n')}\n${String(error).slice(0, 2000)}`);
          });
        expect(hub.internalErrors.slice(bugsBefore).map(String)).toEqual([]);
        expect(served.ok === 0 || served.unavailable === 0, 'both served and unavailable').toBe(
          true,
        );
      }, 60_000);
    }
  }
});
