import type { Migration } from './migration';
import type { SqlPort } from './port';

export type { Migration } from './migration';

export type MigrationErrorCode =
  /** The code's own list is malformed: versions must be 1, 2, 3, … with unique, non-empty names. */
  | 'invalid_list'
  /** The database records a version this build does not know (it is newer than the code). */
  | 'unknown_version'
  /** The database records a known version under another name (a migration was renamed or swapped). */
  | 'name_mismatch'
  /** A known version below the highest applied one is missing from the database. */
  | 'out_of_order'
  /** The migration's own SQL failed; it was rolled back, earlier ones stay applied. */
  | 'failed';

/** Why the runner refused to touch the database. Nothing is applied when this is thrown. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    readonly code: MigrationErrorCode,
    readonly version: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type AppliedMigration = { version: number; name: string };

/**
 * Serializes migrators across hub processes sharing one PostgreSQL database. A constant
 * (not user input), so it lives in the statement text; any int8 works as long as nothing
 * else uses it.
 */
const ADVISORY_LOCK_SQL = 'SELECT pg_advisory_xact_lock(7364021901) AS locked';

const CREATE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Checks the code's own list: versions 1…n in order, each with a unique, non-empty name. */
export function validateMigrationList(migrations: readonly Migration[]): void {
  const names = new Set<string>();
  migrations.forEach((m, i) => {
    const expected = i + 1;
    if (!Number.isSafeInteger(m.version) || m.version !== expected) {
      const previous = migrations[i - 1];
      const why =
        previous && m.version <= previous.version
          ? `it does not follow version ${previous.version} (the list must be strictly increasing)`
          : `version ${expected} is missing (the list must have no gaps)`;
      throw new MigrationError(
        'invalid_list',
        m.version,
        `Migration list entry #${i + 1} ("${m.name}") has version ${m.version}, but ${why}. ` +
          `Number migrations 1, 2, 3, … in the migrations index.`,
      );
    }
    if (m.name.trim() === '' || names.has(m.name)) {
      throw new MigrationError(
        'invalid_list',
        m.version,
        `Migration ${m.version} has ${m.name.trim() === '' ? 'an empty' : `a duplicate name "${m.name}"`}; ` +
          `give each migration a unique name.`,
      );
    }
    names.add(m.name);
  });
}

/**
 * Compares what the database has applied with the code's list and returns the pending
 * migrations, or throws when the database and the code disagree.
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  applied: readonly AppliedMigration[],
): Migration[] {
  const known = new Map(migrations.map((m) => [m.version, m]));
  let maxApplied = 0;
  for (const row of applied) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        'unknown_version',
        row.version,
        `The database has migration ${row.version} ("${row.name}") applied, which this build ` +
          `does not know (it knows 1–${migrations.length}). Run a newer build against this database.`,
      );
    }
    if (m.name !== row.name) {
      throw new MigrationError(
        'name_mismatch',
        row.version,
        `Migration ${row.version} is recorded as "${row.name}" in the database but is ` +
          `"${m.name}" in the code. Landed migrations must never be renamed or replaced; ` +
          `restore the original and add a new migration instead.`,
      );
    }
    maxApplied = Math.max(maxApplied, row.version);
  }
  const appliedSet = new Set(applied.map((row) => row.version));
  const pending = migrations.filter((m) => !appliedSet.has(m.version));
  const hole = pending.find((m) => m.version < maxApplied);
  if (hole) {
    throw new MigrationError(
      'out_of_order',
      hole.version,
      `Migration ${hole.version} ("${hole.name}") is not applied, but the later migration ` +
        `${maxApplied} is. Applying it now would run it out of order; restore the database ` +
        `from a backup taken before ${maxApplied}, or fix schema_migrations by hand.`,
    );
  }
  return pending;
}

/**
 * Brings the database up to the code's schema. Each pending migration runs in its own
 * transaction together with its schema_migrations row, so a failure leaves every earlier
 * migration applied and nothing of the failed one. On PostgreSQL every step first takes a
 * transaction-scoped advisory lock and re-reads the applied set, so two hub processes
 * starting at once apply each migration exactly once. Returns what this call applied.
 */
export async function migrate(
  sql: SqlPort,
  migrations: readonly Migration[],
): Promise<AppliedMigration[]> {
  validateMigrationList(migrations);
  const done: AppliedMigration[] = [];
  for (;;) {
    const step = await sql.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.query(ADVISORY_LOCK_SQL);
      await tx.exec(CREATE_TABLE_SQL);
      const applied = await tx.query<AppliedMigration>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      const next = pendingMigrations(migrations, applied)[0];
      if (!next) return null;
      try {
        await tx.exec(next.sql);
      } catch (cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        throw new MigrationError(
          'failed',
          next.version,
          `Migration ${next.version} ("${next.name}") failed and was rolled back: ${detail}`,
          { cause },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        next.version,
        next.name,
      ]);
      return { version: next.version, name: next.name };
    });
    if (!step) return done;
    done.push(step);
  }
}
