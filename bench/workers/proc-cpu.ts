/**
 * CPU time of processes from /proc (Linux): the hub's processes, a PostgreSQL cluster we
 * started, or the backends serving one database of a server someone else started.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

const TICKS = 100; // USER_HZ on Linux

/** Fields after the command name (which may hold spaces), or null once the process is gone. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime of one process so far, seconds (0 once it has exited). */
export function cpuOfPid(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : 0;
}

/**
 * utime + stime of a process and its live children, plus the children it has reaped, in
 * seconds: a PostgreSQL postmaster's backends, a hub's node:cluster workers.
 */
export function processTreeCpu(rootPid: number): number {
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(name);
    if (!f) continue; // exited meanwhile
    const pid = Number(name);
    if (pid !== rootPid && Number(f[1]) !== rootPid) continue;
    ticks += Number(f[11]) + Number(f[12]);
    if (pid === rootPid) ticks += Number(f[13]) + Number(f[14]);
  }
  return ticks / TICKS;
}

/** CPU seconds so far of each backend connected to the client's database, by pid. */
export async function backendCpu(client: pg.Client | pg.Pool): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return new Map(rows.map((r) => [r.pid, cpuOfPid(r.pid)]));
}

/**
 * Backend CPU spent between two backendCpu() snapshots. A backend born meanwhile counts from
 * zero; one that exited meanwhile is lost (pools keep theirs open, so there are few).
 */
export function backendCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}
