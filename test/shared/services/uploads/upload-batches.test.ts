import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HandlerContext } from '#shared/api/handlers';
import { uploadsHandlers } from '#shared/services/uploads/handlers';
import { UPLOAD_BATCH_ROWS, uploadBatchRows } from '#shared/services/uploads/upload-job';
import { resumeUploads, whenUploadsIdle } from '#shared/services/uploads/upload-queue';
import type { SqlPort } from '#shared/sql/port';
import { bulkCustomers, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issuesOf, upload } from './upload-helpers';

/**
 * A port that works for `commits` transactions and then behaves like a dead process: every
 * further call fails before it reaches the database.
 */
function dyingAfter(sql: SqlPort, commits: number): SqlPort {
  let left = commits;
  const alive = (): void => {
    if (left <= 0) throw new Error('process killed');
  };
  return {
    dialect: sql.dialect,
    query: async (text, params) => {
      alive();
      return sql.query(text, params);
    },
    exec: async (text) => {
      alive();
      return sql.exec(text);
    },
    copyFrom: async (table, columns, csv) => {
      alive();
      return sql.copyFrom(table, columns, csv);
    },
    transaction: async (fn) => {
      alive();
      const out = await sql.transaction(fn);
      left--;
      return out;
    },
  };
}

const FIRST_USER = 900_000;
const ROWS = 2 * UPLOAD_BATCH_ROWS + 1_000;

eachDialect('uploads: batches, resume after a restart, unique code clashes', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
    await bulkCustomers(w.sql, FIRST_USER, ROWS);
  });
  afterAll(() => w.db.close());

  it('finishes an acknowledged upload after a restart, issuing every row exactly once', async () => {
    const offer = await makeOffer(w.ctx, { issuance: { maxPerCustomer: 1 } });
    // Every 1000th row names nobody (user ids past the registered ones): 11 issues.
    const lines = ['userId'];
    for (let i = 0; i < ROWS; i++)
      lines.push(String(i % 1000 === 999 ? 1_000_000 + i : FIRST_USER + i));
    const csv = `${lines.join('\n')}\n`;

    // The host that accepted it dies after committing its first batch.
    const dying: HandlerContext = { ...w.ctx, sql: dyingAfter(w.sql, 1) };
    const accepted = await uploadsHandlers['uploads-create'](
      { id: offer.id, csv, kind: 'CUSTOMERS', fileName: 'big.csv' },
      dying,
    );
    expect(accepted).toMatchObject({ totalRows: ROWS, fileName: 'big.csv' });
    await whenUploadsIdle(dying.sql);
    const stopped = await uploadsHandlers['uploads-get']({ id: accepted.id }, w.ctx);
    expect(stopped).toMatchObject({ status: 'RUNNING', processedRows: uploadBatchRows(dialect) });

    // The next start resumes it after the last committed batch.
    expect(await resumeUploads(w.sql, w.ctx.now)).toEqual([accepted.id]);
    await whenUploadsIdle(w.sql);
    const done = await uploadsHandlers['uploads-get']({ id: accepted.id }, w.ctx);
    const bad = Math.floor(ROWS / 1000);
    expect(done).toMatchObject({
      status: 'DONE',
      totalRows: ROWS,
      processedRows: ROWS,
      okRows: ROWS - bad,
      errorRows: bad,
    });
    const [counts] = await w.sql.query<{ n: number; customers: number; codes: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers,
              count(DISTINCT code)::int AS codes
         FROM coupons WHERE offer_id = $1`,
      [offer.id],
    );
    expect(counts).toEqual({ n: ROWS - bad, customers: ROWS - bad, codes: ROWS - bad });
    const issues = await issuesOf(w.ctx, accepted.id);
    expect(issues).toHaveLength(bad);
    expect(issues[0]).toMatchObject({
      row: '1001',
      identifier: '1000999',
      code: 'CUSTOMER_NOT_FOUND',
    });
    const [o] = await w.sql.query<{ issued_count: number }>(
      'SELECT issued_count FROM offers WHERE id = $1',
      [offer.id],
    );
    expect(o?.issued_count).toBe(ROWS - bad);
    // Resuming again finds nothing to do.
    expect(await resumeUploads(w.sql, w.ctx.now)).toEqual([]);
  });

  it('answers at once and lets the process serve others between batches', async () => {
    const offer = await makeOffer(w.ctx);
    const batches = Math.min(3, Math.floor(ROWS / uploadBatchRows(dialect)));
    const users = Array.from(
      { length: batches * uploadBatchRows(dialect) },
      (_, i) => FIRST_USER + i,
    );
    const accepted = await uploadsHandlers['uploads-create'](
      { id: offer.id, csv: `userId\n${users.join('\n')}\n`, kind: 'CUSTOMERS', fileName: 'x.csv' },
      w.ctx,
    );
    // Acknowledged before the work is done (on PostgreSQL the job may already have started).
    expect(['QUEUED', 'RUNNING']).toContain(accepted.status);
    expect(accepted.okRows).toBe(0);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await whenUploadsIdle(w.sql);
    clearInterval(timer);
    // Timers ran while the job was going: one turn at least before each of its batches.
    expect(ticks).toBeGreaterThanOrEqual(batches);
    const done = await uploadsHandlers['uploads-get']({ id: accepted.id }, w.ctx);
    expect(done).toMatchObject({ status: 'DONE', okRows: users.length });
  });

  it('redraws random codes that clash with codes already in the offer', async () => {
    // 4 digits: 10,000 codes; 2,000 taken, so about one draw in five clashes.
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'UNIQUE_AUTO', length: 4, charset: 'NUMERIC' },
    });
    const taken = Array.from(
      { length: 2000 },
      (_, i) => `t${i},${offer.id},${String(i * 5).padStart(4, '0')}`,
    );
    await w.sql.copyFrom('coupons', ['id', 'offer_id', 'code'], `${taken.join('\n')}\n`);
    await w.sql.query('UPDATE offers SET issued_count = 2000 WHERE id = $1', [offer.id]);
    const users = Array.from({ length: 1000 }, (_, i) => String(FIRST_USER + i));
    const up = await upload(w.ctx, offer.id, `userId\n${users.join('\n')}\n`);
    expect(up).toMatchObject({ status: 'DONE', okRows: 1000, errorRows: 0 });
    const [counts] = await w.sql.query<{ n: number; codes: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT code)::int AS codes FROM coupons WHERE offer_id = $1',
      [offer.id],
    );
    expect(counts).toEqual({ n: 3000, codes: 3000 });
  });

  it('applies per-customer limits to a customer repeated in consecutive batches', async () => {
    // Batch N+1's cells and customers are read while batch N commits; its rules must still
    // see batch N's coupons. Customer A ends batch 1 and starts batch 2; B (row 2) and C (a
    // later row of batch 1) come back in the middle and at the end of batch 2.
    const offer = await makeOffer(w.ctx, { issuance: { maxPerCustomer: 1 } });
    const per = uploadBatchRows(dialect);
    const users = Array.from({ length: per }, (_, i) => String(FIRST_USER + i));
    const a = users[per - 1] as string;
    const b = users[0] as string;
    const c = users[per - 3] as string;
    const second = [a, String(FIRST_USER + per), b, String(FIRST_USER + per + 1), c];
    const up = await upload(w.ctx, offer.id, `userId\n${[...users, ...second].join('\n')}\n`);
    expect(up).toMatchObject({ status: 'DONE', okRows: per + 2, errorRows: 3 });
    const issues = await issuesOf(w.ctx, up.id);
    // Row numbers count the header as row 1: batch 2 starts at row per + 2.
    expect(issues.map((i) => [i.row, i.identifier, i.code])).toEqual([
      [String(per + 2), a, 'MAX_ISSUALS_PER_CUSTOMER_REACHED'],
      [String(per + 4), b, 'MAX_ISSUALS_PER_CUSTOMER_REACHED'],
      [String(per + 6), c, 'MAX_ISSUALS_PER_CUSTOMER_REACHED'],
    ]);
    const [counts] = await w.sql.query<{ n: number; most: number }>(
      `SELECT count(*)::int AS n, max(k)::int AS most
         FROM (SELECT count(*) AS k FROM coupons WHERE offer_id = $1 GROUP BY customer_id) x`,
      [offer.id],
    );
    expect(counts).toEqual({ n: per + 2, most: 1 });
  });

  it('redraws clashing random codes in every batch of a multi-batch file', async () => {
    // 5 digits: 100,000 codes, every fifth taken, so each batch meets clashes.
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'UNIQUE_AUTO', length: 5, charset: 'NUMERIC' },
    });
    const taken = Array.from(
      { length: 20_000 },
      (_, i) => `t5-${i},${offer.id},${String(i * 5).padStart(5, '0')}`,
    );
    await w.sql.copyFrom('coupons', ['id', 'offer_id', 'code'], `${taken.join('\n')}\n`);
    await w.sql.query('UPDATE offers SET issued_count = 20000 WHERE id = $1', [offer.id]);
    const rows = uploadBatchRows(dialect) + 500;
    const users = Array.from({ length: rows }, (_, i) => String(FIRST_USER + i));
    const up = await upload(w.ctx, offer.id, `userId\n${users.join('\n')}\n`);
    expect(up).toMatchObject({ status: 'DONE', okRows: rows, errorRows: 0 });
    const [counts] = await w.sql.query<{ n: number; codes: number; issued: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT code)::int AS codes,
              count(customer_id)::int AS issued
         FROM coupons WHERE offer_id = $1`,
      [offer.id],
    );
    expect(counts).toEqual({ n: 20_000 + rows, codes: 20_000 + rows, issued: rows });
  });

  it('stops after the batch in flight when looking up the next batch fails', async () => {
    const offer = await makeOffer(w.ctx);
    const per = uploadBatchRows(dialect);
    // The customer look-up of the second batch fails (a lost connection, say).
    let lookups = 0;
    const failing: SqlPort = {
      ...w.sql,
      dialect: w.sql.dialect,
      query: async (text, params) => {
        if (text.includes('unnest($1::text[]) AS u(v)') && ++lookups === 2) {
          throw new Error('connection lost');
        }
        return w.sql.query(text, params);
      },
      transaction: (fn) => w.sql.transaction(fn),
      copyFrom: (table, columns, csv) => w.sql.copyFrom(table, columns, csv),
      exec: (text) => w.sql.exec(text),
    };
    const users = Array.from({ length: per * 2 + 10 }, (_, i) => String(FIRST_USER + i));
    const up = await upload({ ...w.ctx, sql: failing }, offer.id, `userId\n${users.join('\n')}\n`);
    expect(up.status).toBe('FAILED');
    expect(up.message).toContain('connection lost');
    // The first batch went in whole, the rest not at all.
    expect(up).toMatchObject({ processedRows: per, okRows: per, errorRows: 0 });
    const [counts] = await w.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM coupons WHERE offer_id = $1',
      [offer.id],
    );
    expect(counts?.n).toBe(per);
  });
});
