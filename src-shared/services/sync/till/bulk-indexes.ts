import type { SqlPort } from '#shared/sql/port';
import { isUniqueViolation } from '../../shared/errors';

/** The tables a first pull fills in bulk. */
const bulkTables = ['customers', 'coupons', 'redemptions'];

/**
 * Drops the secondary indexes of the tables a first pull fills, remembering their definitions
 * in the same transaction. Primary keys stay (the upsert fallback and parent look-ups need
 * them), and so do unique constraints another table's foreign key depends on. Plain UNIQUE
 * column constraints go too (customers' user id, email, mobile and external id): kept, they
 * were half the cost of loading customers, each a random-order B-tree insert per row. Their
 * values come from the hub, which enforces the same constraints; the till's own customer
 * service checks the identifiers itself before inserting. Inserting a million rows and then
 * building each index in one sorted pass costs far less than maintaining them row by row.
 */
export async function deferIndexes(sql: SqlPort): Promise<number> {
  return sql.transaction(async (tx) => {
    const indexes = await tx.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition
         FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [bulkTables],
    );
    const constraints = await tx.query<{ name: string; table_name: string; definition: string }>(
      `SELECT c.conname AS name, t.relname AS table_name,
              format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname,
                     pg_get_constraintdef(c.oid)) AS definition
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'u' AND t.relname = ANY($1::text[])
          AND t.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)`,
      [bulkTables],
    );
    for (const r of [...indexes, ...constraints]) {
      await tx.query(
        'INSERT INTO till_deferred_indexes (name, definition) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [r.name, r.definition],
      );
    }
    // Identifiers PostgreSQL itself listed, quoted: never request data.
    for (const r of indexes) await tx.exec(`DROP INDEX IF EXISTS ${quote(r.name)}`);
    for (const r of constraints) {
      await tx.exec(
        `ALTER TABLE ${quote(r.table_name)} DROP CONSTRAINT IF EXISTS ${quote(r.name)}`,
      );
    }
    return indexes.length + constraints.length;
  });
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Builds again every index and unique constraint a bulk pull deferred (after the pull, or on
 * the next start after a crash mid-pull). The definitions are PostgreSQL's own (pg_indexes,
 * pg_get_constraintdef), run as they were listed. A unique one the rows break for now (a till
 * that died between the page that gave a customer's email to someone else and the page that
 * took it from its old holder) stays deferred, is reported in the answer, and is tried again
 * after the next pull; everything else is built.
 */
export async function restoreIndexes(
  sql: SqlPort,
): Promise<{ built: number; stillDeferred: string[] }> {
  return sql.transaction(async (tx) => {
    const rows = await tx.query<{ name: string; definition: string }>(
      'SELECT name, definition FROM till_deferred_indexes ORDER BY name',
    );
    let built = 0;
    const stillDeferred: string[] = [];
    for (const r of rows) {
      const present = await tx.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [r.name]);
      if (present.length === 0) {
        await tx.query('SAVEPOINT restore_index');
        try {
          await tx.exec(r.definition);
          await tx.query('RELEASE SAVEPOINT restore_index');
          built += 1;
        } catch (error) {
          await tx.query('ROLLBACK TO SAVEPOINT restore_index');
          await tx.query('RELEASE SAVEPOINT restore_index');
          if (!isUniqueViolation(error)) throw error;
          stillDeferred.push(r.name);
          continue;
        }
      }
      await tx.query('DELETE FROM till_deferred_indexes WHERE name = $1', [r.name]);
    }
    return { built, stillDeferred };
  });
}
