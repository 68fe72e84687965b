/**
 * Shell entry point to scripts/pg-cluster.ts, for CI (scripts/ci-postgres.sh):
 *
 *   node --import tsx scripts/pg-cluster-cli.ts start --dir DIR [--port PORT]   # prints the URL
 *   node --import tsx scripts/pg-cluster-cli.ts stop --dir DIR
 *
 * The cluster is non-durable and lives in DIR, so it outlives this command until `stop`.
 */
import { parseArgs } from 'node:util';
import { startPgCluster, stopPgClusterAt } from './pg-cluster';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { dir: { type: 'string' }, port: { type: 'string' } },
  strict: true,
});
const [command] = positionals;
const dir = values.dir;
if (dir === undefined || (command !== 'start' && command !== 'stop')) {
  process.stderr.write('usage: pg-cluster-cli.ts start|stop --dir DIR [--port PORT]\n');
  process.exit(2);
}
if (command === 'stop') {
  await stopPgClusterAt(dir);
} else {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    process.stderr.write(`--port must be a TCP port number, got ${values.port}\n`);
    process.exit(2);
  }
  const cluster = await startPgCluster({
    durable: false,
    dir,
    ...(port === undefined ? {} : { port }),
  });
  process.stdout.write(`${cluster.url}\n`);
}
