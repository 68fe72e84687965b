import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandlerContext } from '#shared/api/handlers';
import {
  applyJournaledRedemption,
  isLedgerJournalRecord,
} from '#shared/services/redemptions/journal';
import { migrate } from '#shared/sql/migrate';
import { migrations } from '#shared/sql/migrations/index';
import type { SqlPort } from '#shared/sql/port';
import { fsyncTree } from '#server/platform/db/fsync';
import { openJournal } from '#server/platform/db/journal';
import { openPglite } from '#server/platform/db/pglite-port';
import { templateFor } from '#server/platform/db/pglite-template';

export type LocalStore = {
  sql: SqlPort;
  /** Journal hook for the handler context: redemptions are durable before they are answered. */
  journal: NonNullable<HandlerContext['journal']>;
  /** Records replayed from the journal at open (lost by PGlite, restored). */
  replayed: number;
  close(): Promise<void>;
};

/**
 * A till's buffer pool. Its look-ups are point reads of one coupon and one customer, and the
 * pages PGlite does not hold come from the OS page cache; initdb's 128MB sat resident in every
 * till for little return. Measured with 1 M coupons (docs/benchmarks.md, "Till memory"): RSS
 * about 120 MiB lower, validate and redeem no slower, the first pull no slower.
 */
const TILL_SHARED_BUFFERS = '32MB';

export type LocalStoreOptions = {
  recordFact?: HandlerContext['recordFact'];
  log?: (line: string) => void;
};

/**
 * The till's storage: PGlite in `<dataDir>/pglite` (locked to this process), migrated, plus
 * the fsync'd journal in `<dataDir>/journal.jsonl`. PGlite on Node never fsyncs, so whatever a
 * crash lost is re-applied from the journal here; the journal is emptied only after the
 * database files have been checkpointed and fsync'd.
 */
export const openLocalStore = async (
  dataDir: string,
  options: LocalStoreOptions = {},
): Promise<LocalStore> => {
  const log = options.log ?? (() => undefined);
  await mkdir(dataDir, { recursive: true });
  const pgliteDir = join(dataDir, 'pglite');
  // A new till's database starts as a copy of the migrated template (no initdb: cold start).
  const db = await openPglite({
    dataDir: pgliteDir,
    sharedBuffers: TILL_SHARED_BUFFERS,
    ...(await templateFor(pgliteDir, migrations, undefined, log)),
  });
  let journal: Awaited<ReturnType<typeof openJournal>> | null = null;
  try {
    const applied = await migrate(db, migrations);
    if (applied.length > 0) log(`database migrated: ${applied.map((m) => m.name).join(', ')}`);

    journal = await openJournal(join(dataDir, 'journal.jsonl'));
    let replayed = 0;
    for (const record of await journal.readAll()) {
      if (!isLedgerJournalRecord(record)) {
        log(`journal: skipping a record of unknown type ${JSON.stringify(record).slice(0, 80)}`);
        continue;
      }
      if (await applyJournaledRedemption(db, record, options.recordFact)) replayed += 1;
    }
    if (replayed > 0) log(`journal: restored ${replayed} record(s) the database had lost`);
    await makeDurable(db, pgliteDir, journal);

    const open = journal;
    let closing: Promise<void> | null = null;
    return {
      sql: db,
      journal: { append: (record) => open.append(record) },
      replayed,
      close: () =>
        (closing ??= (async () => {
          const mark = await open.mark();
          await db.close();
          // close() checkpointed; fsync the files before the journal lets go of its copy.
          await fsyncTree(pgliteDir);
          await open.truncate(mark);
          await open.close();
        })()),
    };
  } catch (error) {
    await journal?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
};

const makeDurable = async (
  db: { checkpoint(): Promise<void> },
  pgliteDir: string,
  journal: { mark(): Promise<number>; truncate(upTo?: number): Promise<void> },
): Promise<void> => {
  const mark = await journal.mark();
  await db.checkpoint();
  await fsyncTree(pgliteDir);
  await journal.truncate(mark);
};
