/**
 * The hub suite's floor: the least a server on the hub's HTTP stack (Hono on @hono/node-server)
 * can do per request with the hub's driver (node-postgres, a pool of the hub's default size)
 * on the same database: read the JSON body, one statement, answer JSON.
 *
 *   validate → the indexed look-up of the coupon by code
 *   redeem   → one single-row UPDATE of that coupon by code (autocommit)
 *
 * `node --import tsx bench/workers/hub-floor.ts DATABASE_URL WORKERS` prints
 * "floor running at URL" once every worker (node:cluster, one shared port) listens.
 */
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { DEFAULT_POOL_SIZE } from '#server/hub/hub-db';

const [databaseUrl, workersArg] = process.argv.slice(2);
const workers = Number(workersArg ?? '1');
if (!databaseUrl || !(workers >= 1)) {
  process.stderr.write('usage: hub-floor.ts DATABASE_URL WORKERS\n');
  process.exit(2);
}

type CodeBody = { code?: unknown };

const codeOf = async (request: Request): Promise<string> => {
  const body = (await request.json()) as CodeBody;
  if (typeof body.code !== 'string') throw new Error('no code');
  return body.code.toUpperCase();
};

function serveFloor(): void {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: DEFAULT_POOL_SIZE,
    application_name: 'cf-bench-floor',
  });
  const app = new Hono();
  app.post('/api/v1/redemptions/validate', async (c) => {
    const { rows } = await pool.query(
      'SELECT id, offer_id, state, redemption_count FROM coupons WHERE code = $1',
      [await codeOf(c.req.raw)],
    );
    return c.json({ valid: rows.length === 1 && rows[0].state === 'ACTIVE', coupon: rows[0] });
  });
  app.post('/api/v1/redemptions', async (c) => {
    const { rows } = await pool.query(
      `UPDATE coupons SET redemption_count = redemption_count + 1, last_status_change_on = now()
        WHERE code = $1 RETURNING id, redemption_count`,
      [await codeOf(c.req.raw)],
    );
    if (rows.length !== 1) return c.json({ error: 'not found' }, 404);
    return c.json({ redemption: rows[0] });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    const url = `http://127.0.0.1:${(info as AddressInfo).port}`;
    if (cluster.isWorker) process.send?.({ ready: url });
    else process.stdout.write(`floor running at ${url}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    if ('closeAllConnections' in server) server.closeAllConnections();
    void pool.end().then(() => process.exit(0));
  });
}

if (workers === 1 || cluster.isWorker) serveFloor();
else {
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (m: { ready?: string }) => {
      if (m.ready && ++ready === workers) process.stdout.write(`floor running at ${m.ready}\n`);
    });
  }
  process.once('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
}
