import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '#shared/api/http-client';
import { firstAdminHint } from '#server/hub/first-admin-hint';
import { startHub } from '#server/hub/start-hub';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'counterfoil.mjs');

/** Runs the CLI with `stdin` piped in (not a terminal), as a provisioning script would. */
const cli = (args: string[], stdin: string) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });

/** The first admin of a hub started without --demo, from the hub's hint to a sign-in. */
describe('counterfoil users create', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-users-cli-'));
    dataDir = join(dir, 'hub');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is what an empty hub tells its operator to run', async () => {
    const lines: string[] = [];
    const hub = await startHub({ port: 0, dataDir, log: (l) => lines.push(l) });
    await hub.close();
    expect(lines.join('\n')).toContain(
      `npx counterfoil users create --role admin --username NAME --data ${dataDir}`,
    );
  }, 120_000);

  it('refuses a short or common password read from stdin, naming the fix', async () => {
    const args = ['users', 'create', '--role', 'admin', '--username', 'root', '--data', dataDir];
    const short = await cli(args, 'admin123!\n');
    expect(short.code).toBe(2);
    expect(short.err).toContain('password: must be at least 12 characters');
    const common = await cli(args, 'qwerty123456\n');
    expect(common.code).toBe(2);
    expect(common.err).toContain('password: is one of the 10,000 most common passwords');
  }, 120_000);

  it('creates the admin, who then signs in at the hub (and the hint is gone)', async () => {
    const args = ['users', 'create', '--role', 'admin', '--username', 'root', '--data', dataDir];
    const made = await cli(args, 'correct horse battery staple\n');
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^created admin root /);

    const lines: string[] = [];
    const hub = await startHub({ port: 0, dataDir, log: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).not.toContain('users create');
      const { user } = await createHttpClient(hub.url).send('auth-login', {
        username: 'root',
        password: 'correct horse battery staple',
      });
      expect(user).toMatchObject({ username: 'root', role: 'admin', storeIds: null });
      const rows = await hub.sql.query<{ password_hash: string; action: string; actor: string }>(
        `SELECT u.password_hash, a.action, a.actor FROM users u
           JOIN audit_log a ON a.entity_type = 'user' AND a.entity_id = u.id`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.password_hash).toMatch(/^pbkdf2-sha256\$600000\$/);
      expect(rows[0]).toMatchObject({
        action: 'user.create',
        actor: expect.stringMatching(/^cli:/),
      });
    } finally {
      await hub.close();
    }
    const again = await cli(args, 'another long passphrase\n');
    expect(again.code).toBe(2);
    expect(again.err).toContain('username root is taken');
  }, 180_000);
});

/** A process that lives for `ms` and then exits: the hub still closing after Ctrl-C. */
const closingHub = (ms: number) => {
  const child = spawn(process.execPath, ['-e', `setTimeout(() => {}, ${ms})`], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { pid: child.pid as number, exited, stop: () => child.kill() };
};

describe('counterfoil users create while the hub is still closing', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-users-wait-'));
    dataDir = join(dir, 'hub');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const args = () => [
    'users',
    'create',
    '--role',
    'admin',
    '--username',
    'root',
    '--data',
    dataDir,
  ];

  it('waits for it to let go of the data, then creates the user', async () => {
    const hub = closingHub(1_500);
    await writeFile(`${dataDir}.lock`, `${hub.pid}\n`);
    const made = await cli(args(), 'correct horse battery staple\n');
    await hub.exited;
    expect(made.err).toBe(
      `Process ${hub.pid} still holds ${dataDir}; waiting up to 10 s for it to close…\n`,
    );
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^created admin root /);
  }, 120_000);

  it('gives up after ten seconds, naming the process and what to do', async () => {
    const hub = closingHub(60_000);
    await writeFile(`${dataDir}.lock`, `${hub.pid}\n`);
    try {
      const started = Date.now();
      const refused = await cli(
        [...args().slice(0, 5), 'other', ...args().slice(6)],
        'another long passphrase\n',
      );
      expect(Date.now() - started, refused.err).toBeGreaterThanOrEqual(10_000);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(`is in use by process ${hub.pid}; close that app first.`);
      expect(refused.err).toContain('(stop the hub, create the user, start it again)');
    } finally {
      hub.stop();
      await hub.exited;
      await rm(`${dataDir}.lock`, { force: true });
    }
  }, 120_000);
});

describe('the first-admin hint', () => {
  it('names --database-url for PostgreSQL without repeating the URL (it may hold a password)', () => {
    const lines = firstAdminHint({
      databaseUrl: 'postgres://hub:s3cret@db.example/counterfoil',
      dataDir: '/unused',
    }).join('\n');
    expect(lines).toContain(
      'npx counterfoil users create --role admin --username NAME --database-url',
    );
    expect(lines).not.toContain('s3cret');
  });

  it('quotes a data directory with spaces so the command pastes as it is', () => {
    expect(firstAdminHint({ dataDir: "/srv/my hub's data" }).join('\n')).toContain(
      `--data '/srv/my hub'\\''s data'`,
    );
  });
});
