import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The rooms of the house (docs/architecture.md, "Folders and the runtime each may use") are kept by lint. Each case
 * lints one import, written both ways a newcomer might (a relative path and a #alias), as if it
 * were in a real file of that room, and expects the rule to refuse or allow it.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));

type Case = { file: string; spec: string; refused: boolean };

const cases: Case[] = [
  // src-shared is pure and imports nothing outside itself.
  { file: 'src-shared/api/define.ts', spec: '#server/platform/db/pg-port', refused: true },
  { file: 'src-shared/api/define.ts', spec: '../../src-server/platform/db/pg-port', refused: true },
  { file: 'src-shared/api/define.ts', spec: '#main/backend/args', refused: true },
  { file: 'src-shared/api/define.ts', spec: '#shared/api/errors', refused: false },
  // A service enters another through its index.
  {
    file: 'src-shared/services/offers/index.ts',
    spec: '#shared/services/coupons/coupon-queries',
    refused: true,
  },
  { file: 'src-shared/services/offers/index.ts', spec: '../coupons/coupon-queries', refused: true },
  {
    file: 'src-shared/services/offers/index.ts',
    spec: '#shared/services/coupons/index',
    refused: false,
  },
  // The renderer reaches services only through the typed API.
  { file: 'src-renderer/app/App.tsx', spec: '#shared/services/offers/index', refused: true },
  { file: 'src-renderer/app/App.tsx', spec: '../../src-shared/sql/port', refused: true },
  { file: 'src-renderer/app/App.tsx', spec: '#server/hub/start-hub', refused: true },
  { file: 'src-renderer/app/App.tsx', spec: '#shared/api/operations', refused: false },
  // Two hosts that do not import each other; both may use the platform layer.
  { file: 'src-server/hub/start-hub.ts', spec: '#main/backend/args', refused: true },
  { file: 'src-server/hub/start-hub.ts', spec: '../../src-main/backend/args', refused: true },
  { file: 'src-main/backend/till-command.ts', spec: '#server/hub/start-hub', refused: true },
  {
    file: 'src-main/backend/till-command.ts',
    spec: '../../src-server/hub/start-hub',
    refused: true,
  },
  { file: 'src-main/backend/till-command.ts', spec: '#server/platform/db/pg-port', refused: false },
  // The till host runs without Electron's shell.
  { file: 'src-main/backend/till-command.ts', spec: '#main/window', refused: true },
  // The platform layer imports neither host.
  { file: 'src-server/platform/http/app.ts', spec: '#server/hub/start-hub', refused: true },
  { file: 'src-server/platform/http/app.ts', spec: '#main/backend/args', refused: true },
];

describe('import boundaries (lint)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repo });
  });

  const importErrors = async (c: Case): Promise<string[]> => {
    const code = `export * from '${c.spec}';\n`;
    const [result] = await eslint.lintText(code, { filePath: `${repo}/${c.file}` });
    return (result?.messages ?? [])
      .filter(
        (m) =>
          m.ruleId === 'no-restricted-imports' ||
          m.ruleId === 'service-boundaries/no-deep-service-imports',
      )
      .map((m) => m.message);
  };

  it.each(cases)(
    '$file importing $spec: refused $refused',
    async (c) => {
      const errors = await importErrors(c);
      if (c.refused) expect(errors).not.toEqual([]);
      else expect(errors).toEqual([]);
    },
    60_000,
  );
});
