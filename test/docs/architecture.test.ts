import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const self = relative(root, new URL(import.meta.url).pathname);

/** Source, tests, scripts, benchmarks and docs: every file a comment or a page can cite from. */
const files = (): string[] => {
  const out: string[] = ['README.md'];
  for (const dir of [
    'src-shared',
    'src-main',
    'src-server',
    'src-renderer',
    'test',
    'scripts',
    'bench',
    'docs',
  ]) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|tsx|mjs|js|md)$/.test(entry.name)) continue;
      const path = relative(root, join(entry.parentPath, entry.name));
      if (path !== self) out.push(path);
    }
  }
  return out;
};

const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

const headings = read('docs/architecture.md')
  .split('\n')
  .flatMap((line) => {
    const m = /^#{1,6} (.+)$/.exec(line);
    return m?.[1] ? [m[1].replace(/`/g, '')] : [];
  });

describe('docs/architecture.md', () => {
  it('is the design reference: nothing cites a design document outside the repository', () => {
    const outside = /\bDESIGN(\.md|\s*§|'s)|\.\.\/shared\/DESIGN/;
    const found = files().filter((path) => outside.test(read(path)));
    expect(found).toEqual([]);
  });

  it('has every section that code and docs cite by name', () => {
    const known = new Set(headings.map((h) => h.toLowerCase()));
    const missing: string[] = [];
    for (const path of files()) {
      for (const m of read(path).matchAll(/docs\/architecture\.md, "([^"]+)"/g)) {
        if (!known.has((m[1] ?? '').toLowerCase())) missing.push(`${path}: "${m[1]}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has every section that links point to', () => {
    const anchors = new Set(headings.map(anchorOf));
    const missing: string[] = [];
    for (const path of files()) {
      const text = read(path);
      for (const m of text.matchAll(/architecture\.md#([\w-]+)/g)) {
        if (!anchors.has(m[1] ?? '')) missing.push(`${path}: #${m[1]}`);
      }
      if (path === 'docs/architecture.md') {
        for (const m of text.matchAll(/\]\(#([\w-]+)\)/g)) {
          if (!anchors.has(m[1] ?? '')) missing.push(`${path}: #${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
