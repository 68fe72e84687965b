import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../../scripts/api-docs';
import { operations } from '#shared/api/operations';

describe('docs/api.md', () => {
  it('is the rendering of the current operation table (run `npx tsx scripts/api-docs.ts`)', () => {
    const onDisk = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderApiDocs());
  });

  it('lists every operation with its route', () => {
    const doc = renderApiDocs();
    for (const [name, op] of Object.entries(operations)) {
      expect(doc).toContain(`\`${name}\` | ${op.method} | \`/api/v1${op.path}\``);
    }
  });
});
