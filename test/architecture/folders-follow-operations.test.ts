import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operations } from '#shared/api/operations';

/**
 * Folders follow operations (docs/architecture.md, "Folders and the runtime each may use"):
 * the operations of `src-shared/api/operations/<domain>.ts` are served by the handler maps of
 * `src-shared/services/<domain>/handlers.ts`, all of them and nothing else, so a newcomer who
 * finds an operation knows which room serves it.
 */
const operationsDir = fileURLToPath(new URL('../../src-shared/api/operations/', import.meta.url));
const domains = readdirSync(operationsDir)
  .filter((f) => f.endsWith('.ts') && f !== 'common.ts')
  .map((f) => f.slice(0, -3));

const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The names of the operations a module defines (its exported tables of definitions). */
const operationNames = (mod: Record<string, unknown>): string[] =>
  Object.values(mod)
    .filter(isTable)
    .filter((t) => Object.keys(t).length > 0 && Object.keys(t).every((k) => k in operations))
    .flatMap((t) => Object.keys(t));

/** The names a module's exported handler maps serve. */
const servedNames = (mod: Record<string, unknown>): string[] =>
  Object.values(mod)
    .filter(isTable)
    .filter((t) => Object.values(t).every((v) => typeof v === 'function'))
    .flatMap((t) => Object.keys(t));

describe('folders follow operations', () => {
  it('has an operations file per domain, and together they are the whole API', async () => {
    const all: string[] = [];
    for (const d of domains) {
      all.push(...operationNames(await import(`../../src-shared/api/operations/${d}.ts`)));
    }
    expect(domains.length).toBeGreaterThan(10);
    expect(all.sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(domains.map((d) => [d, d]))(
    'operations/%s.ts is served by services/%s/handlers.ts, exactly',
    async (d) => {
      const defined = operationNames(await import(`../../src-shared/api/operations/${d}.ts`));
      const served = servedNames(await import(`../../src-shared/services/${d}/handlers.ts`));
      expect(served.sort()).toEqual(defined.sort());
    },
  );
});
