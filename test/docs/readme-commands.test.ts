import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');

/** The README's "Other commands" table, first cell of each row, backticks removed. */
const readmeCommands = (): string[] => {
  const text = readFileSync(join(repo, 'README.md'), 'utf8');
  const table = text.slice(text.indexOf('| command | what it does |'));
  return table
    .split('\n')
    .slice(2)
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? '')
    .filter(Boolean);
};

/**
 * Not run here, each for a reason that is not "it might fail": the build, typecheck and lint are
 * steps of `npm test` itself (and minutes long on two cores); `npm run dev` needs a display and
 * Electron's download; the benchmarks run for many minutes by design.
 */
const notRunHere = ['npm run build', 'npm run dev', 'npm run typecheck', 'npm run bench'];

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => done(typeof a === 'object' && a ? a.port : 0));
    });
  });

/**
 * Placeholders → values: DIR a fresh folder, P a free port (two cores shared with other test
 * runs: the default ports may be taken), NAME a username; optional […] parts dropped.
 */
const concrete = async (command: string, dir: string): Promise<string[]> => {
  const port = String(await freePort());
  const words = command
    .replace(/\s*\[[^\]]*\]/g, '')
    .replace(/\bDIR\b/g, join(dir, 'data'))
    .replace(/\bNAME\b/g, 'owner')
    .split(/\s+/)
    .map((w) => (w === 'P' ? port : w));
  // `npm run serve -- --demo` has its own default port (8787); later flags win.
  if (words[0] === 'npm' && words.includes('serve')) words.push('--port', port);
  return words;
};

/**
 * Resolves once no process of the group is left (bounded). npx exits on the signal before the
 * server it started has closed its database; the next command in the table opens the same
 * default data directory. (A person typing it that fast is covered by `users create` waiting for
 * a closing hub: test/server/cli/users.test.ts.)
 */
const groupGone = async (pgid: number, boundMs = 30_000): Promise<void> => {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
};

type Outcome = { code: number | null; out: string; running: boolean };

/** Runs a command in the clone; a server counts as started once it prints "running at". */
const run = (words: string[], cwd: string, stdin: string, boundMs: number): Promise<Outcome> =>
  new Promise((done) => {
    const [cmd, ...args] = words as [string, ...string[]];
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, NODE_NO_WARNINGS: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    let out = '';
    let settled = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode !== null) return done(o);
      // Stopped as a person would (Ctrl-C), and waited for: the next command may open its data.
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        // Already gone.
      }
      void exited.then(() => groupGone(child.pid as number)).then(() => done(o));
    };
    const onData = (b: Buffer) => {
      out += b.toString();
      if (/running at http/.test(out)) finish({ code: null, out, running: true });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.stdin.end(stdin);
    child.on('exit', (code) => finish({ code, out, running: false }));
    const timer = setTimeout(() => finish({ code: null, out, running: false }), boundMs);
  });

/** Every command the README's table lists runs as written, on a fresh clone, within a bound. */
describe('the README command table', () => {
  let clone: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'cf-readme-'));
    clone = join(base, 'clone');
    execFileSync('git', ['clone', '--quiet', '--local', repo, clone]);
    // A fresh clone after `npm install`: the same installed packages.
    symlinkSync(join(repo, 'node_modules'), join(clone, 'node_modules'), 'dir');
    // The UI build is `npm run build`'s job (not run here); serving needs it, so borrow it when
    // there is one. On a fresh machine there is none yet, and `npm run serve` builds it first,
    // as a new user's first start does.
    if (existsSync(join(repo, 'out', 'renderer', 'index.html'))) {
      symlinkSync(join(repo, 'out'), join(clone, 'out'), 'dir');
    }
  });
  afterAll(() => rmSync(resolve(clone, '..'), { recursive: true, force: true }));

  it('lists the commands this test knows how to run', () => {
    expect(readmeCommands().length).toBeGreaterThanOrEqual(8);
  });

  for (const command of readmeCommands()) {
    const skip = notRunHere.some((n) => command.startsWith(n));
    it.skipIf(skip)(
      command,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cf-readme-cmd-'));
        try {
          // `npm run typecheck / npm run lint` is two commands in one cell.
          const first = command.split(' / ')[0] as string;
          const words = await concrete(first, dir);
          // users create reads the password twice from stdin when it is not a terminal.
          const stdin = 'tin roof rusted owl\ntin roof rusted owl\n';
          const outcome = await run(words, clone, stdin, 240_000);
          // Whatever happened, nothing printed a stack trace.
          expect(outcome.out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
          expect(outcome.running || outcome.code === 0, outcome.out.slice(-2000)).toBe(true);
        } finally {
          // The till behind npx may still be closing its database for a moment.
          rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 500 });
        }
      },
      300_000,
    );
  }
});
