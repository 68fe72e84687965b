import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OfferInput } from '#shared/domain/offer';
import { newId } from '#shared/services/shared/ids';
import { processUpload } from '#shared/services/uploads/upload-job';
import { eachDialect } from '../../../helpers/db';
import {
  backOffice,
  cashierAt,
  inDays,
  seedOrg,
  startHubInProcess,
  startTill,
  type Hub,
} from '../../../sync/support/in-process';
import { apiError } from '../support/api-error';

type Mode = 'UNISSUED' | 'ALL_UNREDEEMED';
type Row = { method: string; gen: OfferInput['codeGeneration']; mode: Mode };

/**
 * Revoke on offers that make their codes when they issue them, end to end through the API:
 * "only unissued" closes the offer to further issuance (stated on the offer, audited, every
 * issuing path refuses with the reason); "all unredeemed" also revokes issued, unredeemed
 * coupons. Each offer has issued three coupons, one of them redeemed.
 */
const rows: Row[] = [
  {
    method: 'UNIQUE_AUTO',
    gen: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
    mode: 'UNISSUED',
  },
  {
    method: 'UNIQUE_AUTO',
    gen: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
    mode: 'ALL_UNREDEEMED',
  },
  {
    method: 'RANDOMIZED_COMMON',
    gen: { method: 'RANDOMIZED_COMMON', sample: 'RVK1234567' },
    mode: 'UNISSUED',
  },
  {
    method: 'RANDOMIZED_COMMON',
    gen: { method: 'RANDOMIZED_COMMON', sample: 'RVK7654321' },
    mode: 'ALL_UNREDEEMED',
  },
];

eachDialect('revoke: offers that generate their codes', (dialect) => {
  let hub: Hub;
  const people = ['901', '902', '903', '904'];
  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
    for (const userId of people) {
      await hub.call('customers-create', { userId, registeredAt: inDays(-3) }, backOffice);
    }
  }, 120_000);
  afterAll(async () => hub?.db.close());

  const issue = (id: string, userId: string) =>
    hub.call('coupons-issue', { id, customer: { userId } }, backOffice);
  const redeem = (code: string, userId: string) =>
    hub.call(
      'redemptions-redeem',
      {
        code,
        customer: { userId },
        billAmount: '500',
        storeId: 'S1',
        tillId: 'T1',
        clientId: newId(),
      },
      cashierAt('S1'),
    );

  it.each(rows)('$method, $mode', async ({ method, gen, mode }) => {
    const offer = await hub.call(
      'offers-create',
      {
        name: `Revoke ${method} ${mode}`,
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: gen,
      },
      backOffice,
    );
    const codes: string[] = [];
    for (const userId of people.slice(0, 3))
      codes.push((await issue(offer.id, userId)).coupon.code);
    await redeem(codes[0] as string, '901');

    const out = await hub.call('coupons-revoke', { id: offer.id, mode }, backOffice);
    // "All unredeemed" revokes the two issued, unredeemed coupons; "only unissued" none.
    expect(out.revoked).toBe(mode === 'ALL_UNREDEEMED' ? 2 : 0);
    expect(out.issuanceClosedAt).toEqual(expect.any(String));

    // Stated on the offer, with who closed it; nothing left to issue.
    const details = await hub.call('offers-get', { id: offer.id }, backOffice);
    expect(details.issuanceClosed).toEqual({ at: out.issuanceClosedAt, by: 'backoffice' });
    expect(details.stats.remainingIssuable).toBe(0);

    // Issuing answers the reason, one at a time and in bulk; nothing is issued.
    const e = await apiError(issue(offer.id, '904'));
    expect(e.code).toBe('RULE_FAILED');
    expect(e.details).toMatchObject({ reasons: [{ code: 'ISSUANCE_CLOSED', field: 'id' }] });
    expect(e.message).toContain('issues no more coupons: its unissued coupons were revoked on');
    const bulk = await apiError(
      hub.call(
        'uploads-create',
        { id: offer.id, kind: 'CUSTOMERS', csv: 'userId\n904\n', fileName: 'more.csv' },
        backOffice,
      ),
    );
    expect(bulk.details).toMatchObject({ reasons: [{ code: 'ISSUANCE_CLOSED' }] });
    expect(details.stats.issuedCount).toBe(3);
    expect((await hub.call('offers-get', { id: offer.id }, backOffice)).stats.issuedCount).toBe(3);

    // Issued, unredeemed coupons stay redeemable only when just the unissued were revoked.
    if (mode === 'UNISSUED') expect((await redeem(codes[1] as string, '902')).replayed).toBe(false);
    else {
      const refused = await apiError(redeem(codes[1] as string, '902'));
      expect(refused.details).toMatchObject({ reasons: [{ code: 'COUPON_REVOKED' }] });
    }

    // Audited, with the closure; a second revoke keeps the first closure's time.
    const audit = await hub.sql.query<{ details: unknown }>(
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'coupons.revoke'`,
      [offer.id],
    );
    const logged = (
      typeof audit[0]?.details === 'string' ? JSON.parse(audit[0].details) : audit[0]?.details
    ) as Record<string, unknown>;
    expect(logged).toMatchObject({ mode, issuanceClosedAt: out.issuanceClosedAt });
    const again = await hub.call('coupons-revoke', { id: offer.id, mode: 'UNISSUED' }, backOffice);
    expect(again.issuanceClosedAt).toBe(out.issuanceClosedAt);
  });

  it('a till learns of the closure when it syncs, and refuses to issue even offline', async () => {
    const offer = await hub.call(
      'offers-create',
      {
        name: 'Revoke seen at a till',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
        syncToInStore: { enabled: true, scope: [] },
      },
      backOffice,
    );
    await issue(offer.id, '901');
    const till = await startTill(hub, 'T1');
    try {
      await till.client.syncNow();
      await hub.call('coupons-revoke', { id: offer.id, mode: 'UNISSUED' }, backOffice);
      await till.client.syncNow();
      till.link.cut = true;
      const manager = { ...backOffice, role: 'store_manager' as const, storeIds: ['S1'] };
      const e = await apiError(
        till.as(manager)('coupons-issue', { id: offer.id, customer: { userId: '901' } }),
      );
      expect(e.details).toMatchObject({ reasons: [{ code: 'ISSUANCE_CLOSED' }] });
    } finally {
      await till.db.close();
    }
  });

  it('an upload accepted before the offer closed issues nothing after it closes', async () => {
    const offer = await hub.call(
      'offers-create',
      {
        name: 'Revoke during an upload',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
      },
      backOffice,
    );
    // Accepted while open (queued, not yet run), then the offer closes.
    const uploadId = newId();
    await hub.sql.query(
      `INSERT INTO uploads (id, offer_id, kind, file_name, status, total_rows, source, created_by,
                            created_at)
       VALUES ($1, $2, 'CUSTOMERS', 'late.csv', 'QUEUED', 2, $3, 'backoffice', now())`,
      [uploadId, offer.id, 'userId\n903\n904\n'],
    );
    await hub.call('coupons-revoke', { id: offer.id, mode: 'UNISSUED' }, backOffice);
    const done = await processUpload(hub.sql, uploadId);
    expect(done).toMatchObject({ status: 'DONE', okRows: 0, errorRows: 2 });
    const issues = await hub.call('uploads-issues', { id: uploadId }, backOffice);
    expect(issues.csv.match(/ISSUANCE_CLOSED/g)).toHaveLength(2);
    expect((await hub.call('offers-get', { id: offer.id }, backOffice)).stats.issuedCount).toBe(0);
  });

  it('revoking listed customers’ coupons leaves issuance open', async () => {
    const offer = await hub.call(
      'offers-create',
      {
        name: 'Revoke customers only',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
      },
      backOffice,
    );
    await issue(offer.id, '901');
    const out = await hub.call(
      'coupons-revoke',
      { id: offer.id, mode: 'CUSTOMERS', customers: [{ userId: '901' }] },
      backOffice,
    );
    expect(out).toMatchObject({ revoked: 1, issuanceClosedAt: null });
    expect((await hub.call('offers-get', { id: offer.id }, backOffice)).issuanceClosed).toBeNull();
    expect((await issue(offer.id, '902')).resent).toBe(false);
  });

  it('an offer of uploaded codes revokes its unissued rows and may take more codes', async () => {
    const offer = await hub.call(
      'offers-create',
      {
        name: 'Revoke uploaded',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'UPLOADED' },
      },
      backOffice,
    );
    await hub.sql.query(
      `INSERT INTO coupons (id, offer_id, code, created_at) VALUES ($1, $2, 'UPL-1', now())`,
      [newId(), offer.id],
    );
    const out = await hub.call('coupons-revoke', { id: offer.id, mode: 'UNISSUED' }, backOffice);
    expect(out).toMatchObject({ revoked: 1, codes: ['UPL-1'], issuanceClosedAt: null });
    expect((await hub.call('offers-get', { id: offer.id }, backOffice)).issuanceClosed).toBeNull();
  });
});
