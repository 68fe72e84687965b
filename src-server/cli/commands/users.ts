import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError } from '#shared/api/errors';
import { describeIssues, toInputIssues } from '#shared/api/input-issues';
import { operations } from '#shared/api/operations';
import { createUser } from '#shared/services/auth/create-user';
import { passwordProblem } from '#shared/services/auth/password-policy';
import { DataDirInUseError } from '#server/platform/db/data-dir-lock';
import { openHubDb } from '#server/hub/hub-db';
import { UsageError, type Command } from '#server/platform/cli-command';
import { readPassword, type PasswordInput } from '../read-password';

const USAGE = `Usage: counterfoil users create --role ROLE --username NAME [--store S1,S2]
                              [--database-url postgres://… | --data DIR]

Adds a person to a hub's database directly: how the first admin of a hub started without
--demo is made (later people are added by an admin in the back office or with users-create).

The password is asked for twice on a terminal, without echo; when standard input is not a
terminal its first line is the password:
  printf '%s\\n' "$PASSWORD" | npx counterfoil users create --role admin --username ana
It must be at least 12 characters and not one of the 10,000 most common passwords.

Options:
  --role ROLE           cashier | store_manager | back_office | admin
  --username NAME       3-32 of lower-case a-z, 0-9, _ . or -
  --store S1,S2         the stores the person works for (default: every store)
  --database-url URL    the hub's PostgreSQL (default: $DATABASE_URL)
  --data DIR            the hub's embedded PGlite directory (default .data/hub); PGlite
                        serves one process at a time, so stop the hub first
  -h, --help            this help`;

/** Three tries at a terminal, as passwd(1) gives; a script gets one. */
const TERMINAL_TRIES = 3;

const parseFlags = (argv: string[]) => {
  try {
    return parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        username: { type: 'string' },
        store: { type: 'string' },
        'database-url': { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
};

/** Asks until the policy is met (a terminal) or once (a pipe); the fix is said each time. */
const askPassword = async (input: PasswordInput): Promise<string> => {
  if (!input.isTTY) {
    const password = await readPassword('', input);
    const problem = passwordProblem(password);
    if (problem) throw new UsageError(`password: ${problem}.`);
    return password;
  }
  for (let attempt = 1; attempt <= TERMINAL_TRIES; attempt += 1) {
    const password = await readPassword('Password: ', input);
    const problem = passwordProblem(password);
    if (problem) {
      process.stderr.write(`password: ${problem}.\n`);
      continue;
    }
    if ((await readPassword('Same password again: ', input)) === password) return password;
    process.stderr.write('The two passwords differ; try again.\n');
  }
  throw new UsageError('no acceptable password given; no user was created.');
};

/**
 * How long to wait for a hub that holds the data directory to let go. Ctrl-C on `npx counterfoil
 * hub` gives the prompt back when npx exits, while the hub itself may still be closing its
 * database for a moment: the command typed next should not be refused for that.
 */
const HUB_CLOSING_WAIT_MS = 10_000;

const openOnceFree = async <T>(open: () => Promise<T>): Promise<T> => {
  const deadline = Date.now() + HUB_CLOSING_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw error;
      if (Date.now() >= deadline) {
        throw new UsageError(`${error.message} (stop the hub, create the user, start it again)`);
      }
      if (!told) {
        process.stderr.write(
          `Process ${error.pid} still holds ${error.dataDir}; waiting up to ${HUB_CLOSING_WAIT_MS / 1000} s for it to close…\n`,
        );
        told = true;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
};

const create = async (argv: string[], input: PasswordInput): Promise<number> => {
  const flags = parseFlags(argv);
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!flags.role || !flags.username) {
    throw new UsageError(`--role and --username are required.\n\n${USAGE}`);
  }
  const storeIds = flags.store
    ? flags.store
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : null;
  // The same schema as users-create, with a placeholder password checked separately below.
  const candidate = { username: flags.username, role: flags.role, storeIds };
  const parsed = operations['users-create'].input.safeParse({
    ...candidate,
    password: 'x'.repeat(12),
  });
  if (!parsed.success) {
    const issues = toInputIssues(parsed.error.issues, candidate);
    throw new UsageError(`${describeIssues(issues).replace(/^role:/, '--role:')}.`);
  }
  const password = await askPassword(input);
  const databaseUrl = flags['database-url'] ?? process.env['DATABASE_URL'];
  const db = await openOnceFree(() =>
    openHubDb({ databaseUrl, dataDir: resolve(flags.data ?? '.data/hub') }),
  );
  try {
    const user = await createUser(
      db.sql,
      { ...parsed.data, password },
      { actor: `cli:${userInfo().username}`, now: new Date() },
    );
    process.stdout.write(
      `created ${user.role} ${user.username} (${user.userId}) in ${db.describe}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(`${error.message}.`);
    throw error;
  } finally {
    await db.close();
  }
};

export const command: Command = {
  summary: 'Add a person (the first admin of a hub) straight to its database',
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'create') return create(rest, process.stdin);
    if (sub === undefined || sub === '--help' || sub === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown subcommand "${sub}".\n\n${USAGE}`);
  },
};
