import type { ApiClient } from '../../../src-shared/api/client';
import { ApiError } from '../../../src-shared/api/errors';
import {
  applyBackfillPage,
  applyPage,
  mergeLeases,
  missingParents,
} from '../../../src-shared/services/sync/till/apply-page';
import { withCopyBytes, type PulledChunk } from '../../../src-shared/services/sync/till/copy-chunk';
import { IdFilter } from '../../../src-shared/services/sync/till/id-filter';
import { keepRefusals } from '../../../src-shared/services/sync/till/grants';
import { queuedCommands, recordDecisions } from '../../../src-shared/services/sync/till/commands';
import { leaseRequests, leasesToReturn } from '../../../src-shared/services/sync/till/leases';
import { dropAcknowledged, pendingFacts } from '../../../src-shared/services/sync/till/outbox';
import { markAttempt, readSyncState } from '../../../src-shared/services/sync/till/state';
import type { SqlPort } from '../../../src-shared/sql/port';
import { backoffDelay, type BackoffPolicy } from '../../../src-shared/sync/backoff';
import type { PullOutput } from '../../../src-shared/sync/protocol';
import { deferIndexes, restoreIndexes } from '../../../src-shared/services/sync/till/bulk-indexes';
import { isUnreachable } from './hub-link';

/** Rows per page while a first pull fills an empty replica: the most the hub serves (protocol). */
const BULK_PULL_LIMIT = 20_000;

export type SyncClientOptions = {
  sql: SqlPort;
  hub: ApiClient;
  now?: () => Date;
  /** Pause between rounds while healthy, ms (default 5 s). */
  intervalMs?: number;
  /** Retry policy after failures (default: base = interval, max 30 s). */
  backoff?: BackoffPolicy;
  pushBatch?: number;
  pullLimit?: number;
  /** Rows per page on a first pull into an empty replica (default: pullLimit if given, else 20,000). */
  bulkPullLimit?: number;
  /** Units of offline allowance to ask for per offer (the hub caps it at the till's share). */
  leaseWant?: number;
  log?: (line: string) => void;
  /** After each round and when the hub stops answering: the app's window re-reads sync health. */
  onChange?: (online: boolean) => void;
};

/**
 * The till's side of sync: a loop that pushes the outbox in order, sends queued
 * back-office commands, pulls the change feed, fills backfills and keeps leases topped up.
 * One round at a time; rounds repeat every `intervalMs` while the hub answers and back off
 * exponentially with jitter while it does not. `online` reflects the last contact.
 * See docs/architecture.md, "Sync".
 */
export class SyncClient {
  private readonly o: Required<Omit<SyncClientOptions, 'backoff' | 'log' | 'onChange'>> & {
    backoff: BackoffPolicy;
    log: (line: string) => void;
    onChange: (online: boolean) => void;
  };
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private failures = 0;
  private onlineFlag = false;

  constructor(options: SyncClientOptions) {
    const intervalMs = options.intervalMs ?? 5000;
    this.o = {
      sql: options.sql,
      hub: options.hub,
      now: options.now ?? (() => new Date()),
      intervalMs,
      // A short interval (a busy store, or tests) also keeps the retry cap short.
      backoff: options.backoff ?? {
        baseMs: Math.max(200, intervalMs),
        maxMs: Math.min(30_000, Math.max(2_000, intervalMs * 10)),
      },
      pushBatch: options.pushBatch ?? 500,
      pullLimit: options.pullLimit ?? 5000,
      bulkPullLimit: options.bulkPullLimit ?? options.pullLimit ?? BULK_PULL_LIMIT,
      leaseWant: options.leaseWant ?? 1000,
      log: options.log ?? (() => undefined),
      onChange: options.onChange ?? (() => undefined),
    };
  }

  get online(): boolean {
    return this.onlineFlag;
  }

  /** Starts the background loop (first round at once). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loop and waits for a round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs a round now (after the one in flight) and resolves when it is done. */
  async syncNow(): Promise<void> {
    if (this.running) await this.running.catch(() => undefined);
    await this.round();
  }

  /** The hub did not answer a forwarded call: go offline until the loop reaches it again. */
  noteUnreachable(error: unknown): void {
    if (this.onlineFlag) this.o.log(`hub unreachable, serving offline: ${describe(error)}`);
    this.onlineFlag = false;
    void markAttempt(this.o.sql, this.o.now(), { ok: false, error: describe(error) })
      .catch(() => undefined)
      .finally(() => this.o.onChange(false));
    if (!this.stopped) this.schedule(backoffDelay(this.o.backoff, Math.max(1, this.failures)));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.round().finally(() => {
        this.schedule(
          this.failures === 0 ? this.o.intervalMs : backoffDelay(this.o.backoff, this.failures),
        );
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private round(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.doRound().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async doRound(): Promise<void> {
    const { sql } = this.o;
    try {
      // A till that died during its first pull builds the indexes it had deferred.
      await restoreIndexes(sql);
      await this.pushAll();
      await this.sendCommands();
      await this.pullAll();
      await this.backfill();
      await this.exchangeLeases();
      this.failures = 0;
      if (!this.onlineFlag) this.o.log('hub reachable: online');
      this.onlineFlag = true;
      await markAttempt(sql, this.o.now(), { ok: true });
    } catch (error) {
      this.failures += 1;
      this.onlineFlag = false;
      if (!isUnreachable(error)) this.o.log(`sync round failed: ${describe(error)}`);
      await markAttempt(sql, this.o.now(), { ok: false, error: describe(error) }).catch(
        () => undefined,
      );
    }
    this.o.onChange(this.onlineFlag);
  }

  /** Pushes every pending fact, in tillSeq order, in batches; drops only what the hub acked. */
  async pushAll(): Promise<void> {
    const { sql, hub } = this.o;
    for (let guard = 0; guard < 10_000; guard += 1) {
      const facts = await pendingFacts(sql, 0, this.o.pushBatch);
      if (facts.length === 0) return;
      const out = await hub.send('sync-push', { facts });
      // Refused facts are acknowledged too; their verdict stays countable after the drop.
      await keepRefusals(
        sql,
        out.results,
        new Map(facts.map((f) => [f.clientId, f.kind])),
        this.o.now(),
      );
      await dropAcknowledged(sql, out.ackedSeq);
      if (out.resendFrom !== null) {
        const first = facts[0]?.tillSeq ?? 0;
        if (out.resendFrom < first) {
          // The hub misses facts this till no longer has: never expected; say so loudly.
          throw new Error(
            `the hub asks for facts from tillSeq ${out.resendFrom} but the outbox starts at ${first}`,
          );
        }
        continue;
      }
      if (facts.length < this.o.pushBatch) return;
    }
  }

  /** Sends queued back-office commands in order and records the hub's decisions. */
  async sendCommands(): Promise<void> {
    const { sql, hub } = this.o;
    for (;;) {
      const queued = await queuedCommands(sql, 20);
      if (queued.length === 0) return;
      const out = await hub.send('sync-commands-apply', {
        commands: queued,
      });
      await recordDecisions(sql, out.results, this.o.now());
      if (queued.length < 20) return;
    }
  }

  /**
   * Pulls feed pages until caught up, each applied in one local transaction. The next page is
   * fetched while the current one is applied (its cursor is known from the answer), so the
   * hub's reading and the till's writing overlap on a long first pull.
   */
  async pullAll(maxPages = 1000): Promise<void> {
    const { sql, hub } = this.o;
    const cursor = (await readSyncState(sql)).cursor;
    // From the very start, nothing pulled is here yet: COPY instead of upserts (see
    // applyChunk), the big tables' secondary indexes built once at the end instead of row by
    // row, and pages as large as the hub serves (fewer per-page round trips and commits).
    const bulk = cursor === '0';
    const limit = bulk ? this.o.bulkPullLimit : this.o.pullLimit;
    // A first pull takes its big tables as binary COPY output, passed through by the hub.
    const next = hub.send('sync-pull', { cursor, limit, binary: bulk });
    next.catch(() => undefined);
    if (bulk) await deferIndexes(sql);
    try {
      await this.pullPages(cursor, next, maxPages, bulk, limit);
    } finally {
      // Also after a normal pull: a unique index left deferred (see restoreIndexes) may now fit.
      const { stillDeferred } = await restoreIndexes(sql);
      if (stillDeferred.length > 0)
        this.o.log(
          `indexes still deferred until the replica catches up: ${stillDeferred.join(', ')}`,
        );
    }
  }

  private async pullPages(
    start: string,
    first: Promise<PullOutput>,
    maxPages: number,
    bulk: boolean,
    limit: number,
  ): Promise<void> {
    const { sql, hub } = this.o;
    let cursor = start;
    let next = first;
    // A first pull remembers what its pages carried: a coupon page's 20,000 customers were all
    // in earlier pages, and asking the replica for them again cost more than the page itself.
    const carried = bulk
      ? { offers: new IdFilter(), coupons: new IdFilter(), customers: new IdFilter() }
      : undefined;
    for (let i = 0; i < maxPages; i += 1) {
      const page = await next;
      const ahead = page.more
        ? hub.send('sync-pull', { cursor: page.cursor, limit, binary: bulk })
        : null;
      // A failed prefetch surfaces when awaited; never as an unhandled rejection meanwhile.
      ahead?.catch(() => undefined);
      const chunks = withCopyBytes(page.chunks, fromBase64);
      const withParents = await this.withParents(chunks, carried);
      await applyPage(sql, { ...page, chunks: withParents }, cursor, { bulk });
      if (!ahead) return;
      cursor = page.cursor;
      next = ahead;
    }
  }

  /** Adds the parents a page references that this replica lacks, fetched by id from the hub. */
  private async withParents(
    chunks: PulledChunk[],
    carried?: Parameters<typeof missingParents>[2],
  ): Promise<PulledChunk[]> {
    const extra: PulledChunk[] = [];
    // Fetched coupons may reference customers of their own: a second look covers them.
    for (let round = 0; round < 3; round += 1) {
      const missing = await missingParents(this.o.sql, [...extra, ...chunks], carried);
      const tables = (['offers', 'coupons', 'customers'] as const).filter(
        (t) => missing[t].length > 0,
      );
      if (tables.length === 0) break;
      for (const table of tables) {
        for (let i = 0; i < missing[table].length; i += 10_000) {
          const ids = missing[table].slice(i, i + 10_000);
          const fetched = (await this.o.hub.send('sync-rows', { table, ids })).chunks;
          extra.push(...withCopyBytes(fetched, fromBase64));
        }
      }
    }
    return [...extra, ...chunks];
  }

  private async backfill(): Promise<void> {
    const { sql, hub } = this.o;
    const pending = await sql.query<{
      offer_id: string;
      table_name: 'coupons' | 'redemptions';
      max_xid: unknown;
      after_key: string;
    }>(
      'SELECT offer_id, table_name, max_xid, after_key FROM till_backfills ORDER BY offer_id, table_name',
    );
    for (const b of pending) {
      let after = b.after_key;
      for (;;) {
        const page = await hub.send('sync-backfill', {
          offerId: b.offer_id,
          table: b.table_name,
          maxXid: Number(b.max_xid),
          after,
          limit: this.o.pullLimit,
        });
        await applyBackfillPage(sql, b.offer_id, b.table_name, {
          ...page,
          chunks: await this.withParents(page.chunks),
        });
        if (!page.more) break;
        after = page.after;
      }
    }
  }

  /** Gives back spent or expired leases and tops up offers running low. */
  async exchangeLeases(): Promise<void> {
    const { sql, hub } = this.o;
    const now = this.o.now();
    const returns = (await leasesToReturn(sql, now)).map((leaseId) => ({ leaseId }));
    const requests = await leaseRequests(sql, now, this.o.leaseWant);
    if (returns.length === 0 && requests.length === 0) return;
    const out = await hub.send('sync-leases', { requests, returns });
    await sql.transaction((tx) => mergeLeases(tx, out.leases));
  }
}

/** Node's own base64 decoder: a first pull's pages are megabytes of it. */
const fromBase64 = (text: string): Uint8Array => Buffer.from(text, 'base64');

export const describe = (error: unknown): string =>
  error instanceof ApiError || error instanceof Error ? error.message : String(error);
