import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import type { OperationName, OpInput, OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { issueCoupon } from '#shared/services/coupons/issue-coupon';
import { createHandlers } from '#shared/services/handlers';
import { whenUploadsIdle } from '#shared/services/uploads/upload-queue';
import {
  apiError,
  makeCustomer,
  makeOffer,
  reasonCodes,
  useCouponWorld,
} from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { csvOf, issuesOf } from '../uploads/upload-helpers';

const dispatch = createDispatcher(createHandlers(), { onInternalError: () => undefined });

/**
 * "Issue to specific customers only", end to end through the dispatcher as back office: the
 * list filled by an upload (progress, issues file), changed one customer at a time, counted
 * and downloaded, and read by every issuing path (single issue, CSV issue).
 */
eachDialect('audience: the customer list of an offer', (dialect) => {
  const w = useCouponWorld(dialect);
  const send = async <K extends OperationName>(
    name: K,
    input: OpInput<K>,
    principal: Principal = w.ctx.principal,
  ): Promise<OpOutput<K>> => (await dispatch(name, input, { ...w.ctx, principal })) as OpOutput<K>;
  const uploaded = async (offerId: string, csv: string, kind: 'AUDIENCE' | 'CUSTOMERS') => {
    const accepted = await send('uploads-create', { id: offerId, csv, kind, fileName: 'l.csv' });
    await whenUploadsIdle(w.sql);
    return send('uploads-get', { id: accepted.id });
  };

  it('issues only to the customers on the list, whichever way the list and the issue come', async () => {
    const offer = await makeOffer(w.ctx, {
      name: 'Members only',
      issuance: { specificCustomersOnly: true },
    });
    const [ana, ben, cy, dee] = [
      await makeCustomer(w.ctx, { email: 'ana@example.com' }),
      await makeCustomer(w.ctx, { email: 'ben@example.com' }),
      await makeCustomer(w.ctx, { email: 'cy@example.com' }),
      await makeCustomer(w.ctx),
    ];

    // Nothing on the list yet: the toggle refuses everyone, and says why.
    const before = await apiError(
      send('coupons-issue', { id: offer.id, customer: { userId: ana.userId as string } }),
    );
    expect(reasonCodes(before)).toEqual(['NOT_IN_AUDIENCE']);
    expect(before.message).toContain('is issued only to the customers on its list');

    // The list from a CSV of any identifier: found customers go on, every other row is reported.
    const list = await uploaded(
      offer.id,
      csvOf('Email', [
        'ana@example.com',
        ' BEN@example.com',
        'ana@example.com',
        'nobody@example.com',
        'not-an-email',
        '""',
      ]),
      'AUDIENCE',
    );
    expect(list).toMatchObject({
      kind: 'AUDIENCE',
      status: 'DONE',
      totalRows: 6,
      processedRows: 6,
      okRows: 3,
      errorRows: 3,
    });
    expect(list.message).toContain('3 of 6 rows went in');
    const issues = await issuesOf(w.ctx, list.id);
    expect(issues.map((i) => [i.row, i.identifier, i.code])).toEqual([
      ['5', 'nobody@example.com', 'CUSTOMER_NOT_FOUND'],
      ['6', 'not-an-email', 'INVALID_IDENTIFIER'],
      ['7', '', 'EMPTY_ROW'],
    ]);
    expect(await send('audience-get', { id: offer.id })).toEqual({
      offerId: offer.id,
      count: 2,
      specificCustomersOnly: true,
    });
    // Filling the list issued nothing.
    expect(await w.sql.query('SELECT 1 FROM coupons WHERE offer_id = $1', [offer.id])).toEqual([]);

    // Single issue reads the list.
    const issued = await send('coupons-issue', {
      id: offer.id,
      customer: { email: 'ana@example.com' },
    });
    expect(issued.coupon.customerId).toBe(ana.id);
    const refused = await apiError(
      send('coupons-issue', { id: offer.id, customer: { email: 'cy@example.com' } }),
    );
    expect(reasonCodes(refused)).toEqual(['NOT_IN_AUDIENCE']);

    // So does a CSV issue, row by row.
    const bulk = await uploaded(
      offer.id,
      csvOf('userId', [ben.userId as string, cy.userId as string, dee.userId as string]),
      'CUSTOMERS',
    );
    expect(bulk).toMatchObject({ status: 'DONE', okRows: 1, errorRows: 2 });
    expect((await issuesOf(w.ctx, bulk.id)).map((i) => [i.row, i.code])).toEqual([
      ['3', 'NOT_IN_AUDIENCE'],
      ['4', 'NOT_IN_AUDIENCE'],
    ]);
    const holders = await w.sql.query<{ customer_id: string }>(
      'SELECT customer_id FROM coupons WHERE offer_id = $1 ORDER BY customer_id',
      [offer.id],
    );
    expect(holders.map((h) => h.customer_id).sort()).toEqual([ana.id, ben.id].sort());

    // One customer at a time, by any identifier; adding twice changes nothing.
    const added = await send('audience-add', {
      id: offer.id,
      customer: { email: 'CY@example.com' },
    });
    expect(added).toMatchObject({ count: 3, changed: true });
    expect(
      await send('audience-add', { id: offer.id, customer: { userId: cy.userId as string } }),
    ).toMatchObject({ count: 3, changed: false });
    await send('coupons-issue', { id: offer.id, customer: { email: 'cy@example.com' } });

    const removed = await send('audience-remove', {
      id: offer.id,
      customer: { userId: ben.userId as string },
    });
    expect(removed).toMatchObject({ count: 2, changed: true });
    expect(
      await send('audience-remove', { id: offer.id, customer: { userId: ben.userId as string } }),
    ).toMatchObject({ count: 2, changed: false });
    const afterRemoval = await apiError(
      send('coupons-issue', { id: offer.id, customer: { email: 'ben@example.com' } }),
    );
    expect(reasonCodes(afterRemoval)).toEqual(['NOT_IN_AUDIENCE']);
    // Ben keeps the coupon he was issued while on the list.
    expect(
      await w.sql.query('SELECT 1 FROM coupons WHERE offer_id = $1 AND customer_id = $2', [
        offer.id,
        ben.id,
      ]),
    ).toHaveLength(1);

    // The downloaded list: identifiers, name and when each was added, in the order they came.
    const { csv } = await send('audience-export', { id: offer.id });
    const lines = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(lines.meta.fields).toEqual([
      'userId',
      'email',
      'mobile',
      'externalId',
      'name',
      'addedAt',
    ]);
    expect(lines.data.map((l) => l['email'])).toEqual(['ana@example.com', 'cy@example.com']);
    expect(lines.data[0]?.['userId']).toBe(ana.userId);

    // Who changed the list one by one is on the audit trail.
    const trail = await w.sql.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE entity_id = $1 AND action LIKE 'audience.%'
        ORDER BY at, id`,
      [offer.id],
    );
    expect(trail.map((t) => t.action)).toEqual(['audience.add', 'audience.remove']);
  });

  it('refuses an unknown customer, and a list change by anyone but back office', async () => {
    const offer = await makeOffer(w.ctx, { issuance: { specificCustomersOnly: true } });
    const e = await apiError(
      send('audience-add', { id: offer.id, customer: { email: 'ghost@example.com' } }),
    );
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('No customer with email:ghost@example.com; register the customer first');
    const cust = await makeCustomer(w.ctx);
    const manager: Principal = {
      kind: 'user',
      userId: 'u-sm',
      username: 'manager',
      role: 'store_manager',
      storeIds: ['S1'],
    };
    const forbidden = await apiError(
      send('audience-add', { id: offer.id, customer: { userId: cust.userId as string } }, manager),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    expect((await send('audience-get', { id: offer.id })).count).toBe(0);
  });

  it('a customer list can be uploaded to any offer, even one whose codes are uploaded', async () => {
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'UPLOADED' },
      issuance: { specificCustomersOnly: true },
    });
    const cust = await makeCustomer(w.ctx);
    const up = await uploaded(offer.id, csvOf('userId', [cust.userId as string]), 'AUDIENCE');
    expect(up).toMatchObject({ status: 'DONE', okRows: 1, errorRows: 0 });
    // A code column has no place in a customer list.
    const withCodes = await uploaded(offer.id, 'userId,code\n1,ABC123\n', 'AUDIENCE');
    expect(withCodes.status).toBe('FAILED');
    expect(withCodes.message).toContain('column "code" is not expected');
  });

  it('third-party delivery leaves the audience to the third party', async () => {
    const offer = await makeOffer(w.ctx, {
      delivery: 'THIRD_PARTY',
      codeGeneration: { method: 'COMMON', code: 'PARTNER10' },
      issuance: { specificCustomersOnly: true },
    });
    const cust = await makeCustomer(w.ctx);
    const out = await send('coupons-issue', {
      id: offer.id,
      customer: { userId: cust.userId as string },
    });
    expect(out.coupon.code).toBe('PARTNER10');
  });

  it('a till that follows a hub does not issue such an offer: the hub keeps the list', async () => {
    const offer = await makeOffer(w.ctx, {
      name: 'Hub list',
      issuance: { specificCustomersOnly: true },
    });
    const cust = await makeCustomer(w.ctx);
    await send('audience-add', { id: offer.id, customer: { userId: cust.userId as string } });
    const facts: unknown[] = [];
    const e = await apiError(
      issueCoupon(
        { id: offer.id, customer: { userId: cust.userId as string } },
        { ...w.ctx, host: 'till', recordFact: async (_tx, fact) => void facts.push(fact) },
      ),
    );
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain('which the hub keeps');
    expect(facts).toEqual([]);
    expect(await w.sql.query('SELECT 1 FROM coupons WHERE offer_id = $1', [offer.id])).toEqual([]);
  });
});
