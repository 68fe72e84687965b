import type { ApiClient } from '#shared/api/client';
import { ApiError } from '#shared/api/errors';
import { mergeLeases } from '#shared/services/sync/till/apply-page';
import { keepRefusals } from '#shared/services/sync/till/grants';
import { queuedCommands, recordDecisions } from '#shared/services/sync/till/commands';
import { leaseRequests, leasesToReturn } from '#shared/services/sync/till/leases';
import { dropAcknowledged, pendingFacts } from '#shared/services/sync/till/outbox';
import { markAttempt } from '#shared/services/sync/till/state';
import type { SqlPort } from '#shared/sql/port';
import { backoffDelay, type BackoffPolicy } from '#shared/sync/backoff';
import { restoreIndexes } from '#shared/services/sync/till/bulk-indexes';
import { backfill, pullFeed } from './feed-pull';
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
      await backfill(this.o);
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

  /** Pulls feed pages until caught up (feed-pull.ts). */
  async pullAll(maxPages = 1000): Promise<void> {
    await pullFeed(this.o, maxPages);
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

export const describe = (error: unknown): string =>
  error instanceof ApiError || error instanceof Error ? error.message : String(error);
