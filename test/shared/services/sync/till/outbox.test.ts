import { afterEach, describe, expect, it } from 'vitest';
import type { TillFact } from '#shared/sync/facts';
import { appendToOutbox, pendingFacts } from '#shared/services/sync/till/outbox';
import type { SqlPort } from '#shared/sql/port';
import { freshPglite, type TestDb } from '../../../../helpers/db';

/** The till outbox's single-statement append (seq, idempotency, targets, rollback). */
describe('till outbox append', () => {
  let db: TestDb | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  const fact = (clientId: string, over: Partial<TillFact> = {}): TillFact =>
    ({
      kind: 'REDEMPTION',
      clientId,
      deviceTime: '2026-11-22T06:00:00.000Z',
      leaseId: null,
      payload: { offerId: 'o-1', couponId: 'c-1', code: 'ABC' },
      ...over,
    }) as TillFact;

  const rows = (sql: SqlPort) =>
    sql.query<{
      seq: unknown;
      client_id: string;
      offer_id: string | null;
      coupon_id: string | null;
    }>('SELECT seq, client_id, offer_id, coupon_id FROM till_outbox ORDER BY seq');

  it('numbers facts 1, 2, … and queues a client id once', async () => {
    db = await freshPglite();
    const { sql } = db;
    expect(await sql.transaction((tx) => appendToOutbox(tx, fact('f1')))).toBe(1);
    expect(await sql.transaction((tx) => appendToOutbox(tx, fact('f2')))).toBe(2);
    // A replayed fact returns its own seq and adds nothing (the counter does not move either).
    expect(await sql.transaction((tx) => appendToOutbox(tx, fact('f1')))).toBe(1);
    expect(await sql.transaction((tx) => appendToOutbox(tx, fact('f3')))).toBe(3);
    expect(
      (await rows(sql)).map((r) => [Number(r.seq), r.client_id, r.offer_id, r.coupon_id]),
    ).toEqual([
      [1, 'f1', 'o-1', 'c-1'],
      [2, 'f2', 'o-1', 'c-1'],
      [3, 'f3', 'o-1', 'c-1'],
    ]);
    const pending = await pendingFacts(sql, 1, 10);
    expect(pending[0]).toMatchObject({ tillSeq: 1, clientId: 'f1', kind: 'REDEMPTION' });
    expect(pending[0]?.payload).toEqual({ offerId: 'o-1', couponId: 'c-1', code: 'ABC' });
  });

  it('a rolled-back append takes its number with it (gap-free)', async () => {
    db = await freshPglite();
    const { sql } = db;
    await sql.transaction((tx) => appendToOutbox(tx, fact('f1')));
    await expect(
      sql.transaction(async (tx) => {
        await appendToOutbox(tx, fact('lost'));
        throw new Error('cashier cancelled');
      }),
    ).rejects.toThrow('cashier cancelled');
    expect(await sql.transaction((tx) => appendToOutbox(tx, fact('f2')))).toBe(2);
    expect((await rows(sql)).map((r) => r.client_id)).toEqual(['f1', 'f2']);
  });

  it("a reversal's targets come from the redemption it reverses; a lease stamp is recorded", async () => {
    db = await freshPglite();
    const { sql } = db;
    // The redemption row itself is not needed for the look-up to be exercised: no row → nulls.
    const seq = await sql.transaction((tx) =>
      appendToOutbox(
        tx,
        fact('rv1', {
          kind: 'REVERSAL',
          payload: { redemptionId: 'missing' },
        } as Partial<TillFact>),
        { leaseId: 'lease-9' },
      ),
    );
    expect(seq).toBe(1);
    const [row] = await sql.query<{
      lease_id: string | null;
      offer_id: string | null;
      payload: unknown;
    }>('SELECT lease_id, offer_id, payload FROM till_outbox');
    expect(row).toEqual({
      lease_id: 'lease-9',
      offer_id: null,
      payload: { redemptionId: 'missing', leaseId: 'lease-9' },
    });
  });
});
