import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput } from '#shared/api/operations';
import type { Principal, Role } from '#shared/api/roles';
import { createHandlers } from '#shared/services/handlers';
import { updateOffer } from '#shared/services/offers/offer-update';
import { audit } from '#shared/services/shared/audit';
import { makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';

type Page = OpOutput<'audit-list'>;
const dispatch = createDispatcher(createHandlers(), { onInternalError: () => undefined });

const user = (role: Role): Principal => ({
  kind: 'user',
  userId: `u-${role}`,
  username: role,
  role,
  storeIds: role === 'store_manager' || role === 'cashier' ? ['S1'] : null,
});

/**
 * Twelve entries by two actors on two entity types, three of them sharing one instant (the
 * tie the id must break), written in an order that differs from their times, so an answer
 * ordered by insertion alone would fail.
 */
const fixture = [
  ['2025-03-01T10:00:00.000Z', 'ana', 'offer.create', 'offer', 'o-1'],
  ['2025-03-03T10:00:00.000Z', 'ana', 'offer.update', 'offer', 'o-1'],
  ['2025-03-02T10:00:00.000Z', 'ben', 'offer.create', 'offer', 'o-2'],
  ['2025-03-04T00:00:00.000Z', 'ben', 'coupons.revoke', 'offer', 'o-2'],
  ['2025-03-04T00:00:00.000Z', 'ana', 'coupons.revoke', 'offer', 'o-1'],
  [
    '2025-03-04T00:00:00.000Z',
    'ben',
    'reconciliation.accept_write_off',
    'reconciliation_item',
    'r-1',
  ],
  [
    '2025-03-05T09:30:00.000Z',
    'ana',
    'reconciliation.reverse_redemption',
    'reconciliation_item',
    'r-2',
  ],
  ['2025-03-06T00:00:00.000Z', 'ben', 'offer.update', 'offer', 'o-2'],
  ['2025-03-07T00:00:00.000Z', 'ana', 'offer.update', 'offer', 'o-1'],
  ['2025-03-08T23:59:59.999Z', 'ben', 'offer.update', 'offer', 'o-1'],
  ['2025-03-09T00:00:00.000Z', 'ana', 'offer.sync', 'offer', 'o-2'],
  ['2025-03-09T12:00:00.000Z', 'ben', 'reconciliation.revoke_coupon', 'reconciliation_item', 'r-3'],
] as const;

eachDialect('audit: list', (dialect) => {
  let w: World;
  let ctx: HandlerContext;
  const list = async (input: Record<string, unknown>, who: Principal = user('back_office')) =>
    (await dispatch('audit-list', input, { ...ctx, principal: who })) as Page;
  /** Pages through everything a filter matches, collecting (at, id) in page order. */
  const walk = async (input: Record<string, unknown>, limit: number) => {
    const seen: Page['items'] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list({ ...input, limit, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor !== null && sizes.length < 50);
    return { seen, sizes };
  };

  beforeAll(async () => {
    // An empty database: the world's own set-up (org tree) writes audit entries too.
    w = await makeWorld(dialect);
    await w.sql.query('DELETE FROM audit_log');
    for (const [at, actor, action, entityType, entityId] of fixture) {
      await audit(w.sql, { at, actor, action, entityType, entityId, details: { n: action } });
    }
    ctx = w.ctx;
  });
  afterAll(() => w.db.close());

  it('answers newest first, ties on one instant broken by the later entry first', async () => {
    const page = await list({});
    expect(page.nextCursor).toBeNull();
    const expected = fixture
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (a.f[0] === b.f[0] ? b.i - a.i : b.f[0].localeCompare(a.f[0])))
      .map(({ f }) => `${f[3]}:${f[4]}:${f[2]}`);
    expect(page.items.map((e) => `${e.entityType}:${e.entityId}:${e.action}`)).toEqual(expected);
    expect(page.items[0]).toMatchObject({
      at: '2025-03-09T12:00:00.000Z',
      actor: 'ben',
      details: { n: 'reconciliation.revoke_coupon' },
    });
  });

  it('pages without repeats or gaps at every page size, the last page exactly full', async () => {
    const all = (await list({})).items.map((e) => e.id);
    for (const limit of [1, 2, 3, 4, 5, 6, 11, 12, 13]) {
      const { seen, sizes } = await walk({}, limit);
      expect(
        seen.map((e) => e.id),
        `limit ${limit}`,
      ).toEqual(all);
      // A page is only followed by another when more rows exist: 12 rows at 6/12 → no empty tail.
      expect(sizes.at(-1), `limit ${limit}`).toBeGreaterThan(0);
      expect(sizes.length).toBe(Math.ceil(12 / limit));
    }
  });

  it('continues after a cursor on a shared instant without losing its siblings', async () => {
    // Newest first: 03-09 12:00, 03-09 00:00, 03-08, 03-07, 03-06, 03-05, then three at 03-04.
    const first = await list({ limit: 7 });
    expect(first.items.at(-1)?.at).toBe('2025-03-04T00:00:00.000Z');
    const rest = await list({ limit: 7, cursor: first.nextCursor });
    expect(rest.items.map((e) => e.at)).toEqual([
      '2025-03-04T00:00:00.000Z',
      '2025-03-04T00:00:00.000Z',
      '2025-03-03T10:00:00.000Z',
      '2025-03-02T10:00:00.000Z',
      '2025-03-01T10:00:00.000Z',
    ]);
    expect(rest.nextCursor).toBeNull();
  });

  it('filters by entity type, entity id, actor and a half-open time range, combined', async () => {
    const ids = (p: Page) => p.items.map((e) => `${e.actor}:${e.action}@${e.at.slice(5, 10)}`);
    expect(ids(await list({ entityType: 'reconciliation_item' }))).toEqual([
      'ben:reconciliation.revoke_coupon@03-09',
      'ana:reconciliation.reverse_redemption@03-05',
      'ben:reconciliation.accept_write_off@03-04',
    ]);
    expect(ids(await list({ entityType: 'offer', entityId: 'o-1', actor: 'ana' }))).toEqual([
      'ana:offer.update@03-07',
      'ana:coupons.revoke@03-04',
      'ana:offer.update@03-03',
      'ana:offer.create@03-01',
    ]);
    // from is inclusive, to exclusive: 03-04T00:00 is in, 03-09T00:00 is out.
    const range = await list({ from: '2025-03-04T00:00:00Z', to: '2025-03-09T00:00:00Z' });
    expect(range.items.map((e) => e.at)).toEqual([
      '2025-03-08T23:59:59.999Z',
      '2025-03-07T00:00:00.000Z',
      '2025-03-06T00:00:00.000Z',
      '2025-03-05T09:30:00.000Z',
      '2025-03-04T00:00:00.000Z',
      '2025-03-04T00:00:00.000Z',
      '2025-03-04T00:00:00.000Z',
    ]);
    // An offset instant means the same moment: 05:30 IST on 03-04 is 00:00 UTC.
    const ist = await list({
      from: '2025-03-04T05:30:00+05:30',
      to: '2025-03-04T05:30:00.001+05:30',
    });
    expect(ist.items).toHaveLength(3);
    const paged = await walk({ actor: 'ben', entityType: 'offer' }, 2);
    expect(paged.seen.map((e) => e.at.slice(5, 10))).toEqual(['03-08', '03-06', '03-04', '03-02']);
    expect((await list({ actor: 'nobody' })).items).toEqual([]);
  });

  it('refuses cashiers, store managers and tills; checks its input', async () => {
    for (const who of [
      user('cashier'),
      user('store_manager'),
      { kind: 'device', tillId: 'T1-1', storeId: 'S1' } satisfies Principal,
    ]) {
      await expect(list({}, who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(list({}, { kind: 'anonymous' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect((await list({}, user('admin'))).items).toHaveLength(12);
    const bad = async (input: Record<string, unknown>) => {
      const error = await list(input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      return JSON.stringify((error as ApiError).details) + (error as ApiError).message;
    };
    expect(await bad({ cursor: 'page-2' })).toContain('cursor');
    expect(await bad({ from: '2025-03-05T00:00:00Z', to: '2025-03-04T00:00:00Z' })).toContain(
      'must be after from',
    );
    expect(await bad({ limit: 0 })).toContain('limit');
  });

  describe('with a real audited change', () => {
    it('finds an offer edit by the offer, newest first', async () => {
      const offer = await makeOffer(ctx, { name: 'Audited' });
      w.setNow('2025-03-10T07:00:00.000Z');
      await updateOffer(
        { id: offer.id, name: 'Audited twice', expectedVersion: offer.version },
        ctx,
      );
      const page = await list({ entityType: 'offer', entityId: offer.id });
      expect(page.items.map((e) => e.action)).toEqual(['offer.update', 'offer.create']);
      expect(page.items[0]).toMatchObject({
        actor: 'backoffice',
        at: '2025-03-10T07:00:00.000Z',
        // Only what changed, with both values: the editor sends every section back.
        details: {
          fields: ['name'],
          changes: { name: { before: 'Audited', after: 'Audited twice' } },
        },
      });
    });
  });
});
