import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, open as openFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openJournal, parseJournal, type Journal } from '#server/platform/db/journal';
import { spawnFixture } from './fixtures/spawn';

let dir: string;
let path: string;
const open: Journal[] = [];
const journal = async (): Promise<Journal> => {
  const j = await openJournal(path);
  open.push(j);
  return j;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-journal-'));
  path = join(dir, 'redemptions.journal');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((j) => j.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('journal', () => {
  it('reads back what was appended, in order, one JSON line each', async () => {
    const j = await journal();
    await j.append({ id: 'a', amount: '1.50' });
    await j.append({ id: 'b', nested: { x: [1, null] } });
    expect(await j.readAll()).toEqual([
      { id: 'a', amount: '1.50' },
      { id: 'b', nested: { x: [1, null] } },
    ]);
    expect(readFileSync(path, 'utf8')).toBe(
      '{"id":"a","amount":"1.50"}\n{"id":"b","nested":{"x":[1,null]}}\n',
    );
  });

  it('keeps records across close and reopen', async () => {
    const first = await journal();
    await first.append({ id: 1 });
    await first.close();
    const second = await journal();
    await second.append({ id: 2 });
    expect(await second.readAll()).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('group-commits concurrent appends: one write + fdatasync for many records', async () => {
    const j = await journal();
    await j.append({ warmup: true });
    // Count fdatasync calls on every FileHandle (the class is only reachable via an instance).
    const probe = await openFile(join(dir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as { datasync(): Promise<void> };
    await probe.close();
    const datasync = vi.spyOn(fileHandle, 'datasync');
    try {
      await Promise.all(Array.from({ length: 100 }, (_, id) => j.append({ id })));
      // The first append flushes alone; the other 99 queue behind it and share one flush.
      expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(datasync.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      datasync.mockRestore();
    }
    const ids = (await j.readAll()).slice(1).map((r) => (r as { id: number }).id);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('ignores a partial last line, and reopening cuts it off before appending', async () => {
    writeFileSync(path, '{"id":1}\n{"id":2}\n{"id":3,"tr');
    expect(parseJournal(readFileSync(path, 'utf8'))).toEqual([{ id: 1 }, { id: 2 }]);
    const j = await journal();
    expect(readFileSync(path, 'utf8')).toBe('{"id":1}\n{"id":2}\n');
    await j.append({ id: 4 });
    expect(await j.readAll()).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
  });

  it('cuts a file that is nothing but a partial line', async () => {
    writeFileSync(path, '{"id":1');
    const j = await journal();
    await j.append({ id: 2 });
    expect(await j.readAll()).toEqual([{ id: 2 }]);
  });

  it('refuses a journal damaged before its end, naming the line', async () => {
    writeFileSync(path, '{"id":1}\ngarbage\n{"id":3}\n');
    const j = await journal();
    await expect(j.readAll()).rejects.toThrow(/line 2 is not a JSON record \("garbage"\)/);
    writeFileSync(path, '{"id":1}\n42\n');
    await expect(j.readAll()).rejects.toThrow(/line 2 is not a JSON record/);
  });

  it('truncates up to a mark, keeping what came after it', async () => {
    const j = await journal();
    await j.append({ id: 1 });
    await j.append({ id: 2 });
    const mark = await j.mark();
    await j.append({ id: 3 });
    await j.truncate(mark);
    expect(await j.readAll()).toEqual([{ id: 3 }]);
    await j.append({ id: 4 });
    expect(await j.readAll()).toEqual([{ id: 3 }, { id: 4 }]);
    await j.truncate();
    expect(await j.readAll()).toEqual([]);
    await j.append({ id: 5 });
    expect(readFileSync(path, 'utf8')).toBe('{"id":5}\n');
  });

  it('does not lose appends made while it truncates', async () => {
    const j = await journal();
    await j.append({ id: 0 });
    const mark = await j.mark();
    const cut = j.truncate(mark);
    const during = Promise.all([1, 2, 3].map((id) => j.append({ id })));
    await Promise.all([cut, during]);
    expect(await j.readAll()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('refuses to truncate in the middle of a record', async () => {
    const j = await journal();
    await j.append({ id: 1 });
    await expect(j.truncate(3)).rejects.toThrow(/not at a record boundary/);
    expect(await j.readAll()).toEqual([{ id: 1 }]);
  });

  it('rejects appends after close', async () => {
    const j = await journal();
    await j.close();
    await expect(j.append({ id: 1 })).rejects.toThrow(/closed/);
  });
});

describe('journal under SIGKILL', () => {
  it('holds every acknowledged append exactly once after the writer is killed mid-stream', async () => {
    const writer = spawnFixture('journal-appender', [path, '8']);
    try {
      await writer.waitFor(() => writer.lines.length >= 400, 40_000);
      writer.child.kill('SIGKILL');
      await writer.exited;
    } finally {
      writer.child.kill('SIGKILL');
    }
    // Every id the child printed had its append() resolved before it was printed.
    const acknowledged = writer.lines.filter((l) => l !== '').map(Number);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    const text = readFileSync(path, 'utf8');
    const records = parseJournal(text, path) as { id: number; pad: string }[];
    const ids = records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    const inFile = new Set(ids);
    expect(acknowledged.filter((id) => !inFile.has(id))).toEqual([]); // nothing acknowledged lost
    expect(records.every((r) => r.pad.length === 200)).toBe(true);

    // Whatever the kill left at the end, the journal opens and appends cleanly.
    appendFileSync(path, '{"id":-1,"pa'); // as if the kill had cut a write short
    const j = await journal();
    await j.append({ id: 'after' });
    const after = await j.readAll();
    expect(after.slice(0, -1)).toEqual(records);
    expect(after.at(-1)).toEqual({ id: 'after' });
  }, 60_000);
});
