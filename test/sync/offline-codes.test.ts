/**
 * Truthful offline at the till (issue 12 §2): codes the till holds no coupon for, told apart
 * from unknown codes; offline-verifiable codes (unique and randomized) accepted by their keyed
 * check and linked by the hub; uploaded codes, which carry no check, refused with the reason;
 * the offline policy applied alike by validate and redeem (issue 13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpOutput } from '#shared/api/operations';
import { whenUploadsIdle } from '#shared/services/uploads/upload-queue';
import { eachDialect } from '../helpers/db';
import {
  backOffice,
  cashierAt,
  inDays,
  seedOrg,
  startHubInProcess,
  startTill,
  type Hub,
  type Till,
} from './support/in-process';
import { reasonsOf, refusal } from './support/refusals';

type Offer = OpOutput<'offers-create'>;

eachDialect('offline codes at the till', (dialect) => {
  let hub: Hub;
  let t1: Till;
  let t2: Till;
  let unique: Offer;
  let randomized: Offer;
  let uploaded: Offer;
  let upToBill: Offer;
  const fresh: Record<string, string> = {};
  let billCode = '';

  const base = (name: string) => ({
    name,
    expiry: { type: 'FIXED_DATE' as const, endsAt: inDays(30) },
    discount: { type: 'FIXED' as const, amount: '10', currency: 'INR' },
    syncToInStore: { enabled: true, scope: [] },
  });
  const issue = async (offerId: string, userId: string, code?: string) =>
    (
      await hub.call(
        'coupons-issue',
        { id: offerId, customer: { userId }, ...(code ? { code } : {}) },
        backOffice,
      )
    ).coupon.code;
  const ask = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    billAmount: '100',
    storeId: 'S1',
    tillId: 'T1',
    customer: { userId: '7000' },
    ...extra,
  });
  const validate = (code: string, extra?: Record<string, unknown>) =>
    t1.as(cashierAt('S1'))('redemptions-validate', ask(code, extra));
  const redeem = (code: string, extra?: Record<string, unknown>) =>
    t1.as(cashierAt('S1'))('redemptions-redeem', ask(code, extra));

  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
    unique = await hub.call(
      'offers-create',
      {
        ...base('Checked unique'),
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC', prefix: 'U' },
        offlinePolicy: { mode: 'ALLOW', verifiedCodes: true },
      },
      backOffice,
    );
    randomized = await hub.call(
      'offers-create',
      {
        ...base('Checked randomized'),
        codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'RND12345' },
        redemption: { allowAnyone: true, moreThanOnce: true, codeLimit: 1 },
        offlinePolicy: { mode: 'ALLOW', verifiedCodes: true },
      },
      backOffice,
    );
    uploaded = await hub.call(
      'offers-create',
      { ...base('Uploaded codes'), codeGeneration: { method: 'UPLOADED' } },
      backOffice,
    );
    upToBill = await hub.call(
      'offers-create',
      {
        ...base('Small bills offline'),
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'NUMERIC' },
        offlinePolicy: { mode: 'UP_TO_BILL', maxBill: '500' },
      },
      backOffice,
    );
    for (const userId of ['7000', '7001']) {
      await hub.call('customers-create', { userId, registeredAt: inDays(-100) }, backOffice);
    }
    await hub.call(
      'uploads-create',
      { id: uploaded.id, csv: 'code\nUPL-OLD-1\nUPL-NEW-1\n', kind: 'CODES' },
      backOffice,
    );
    await whenUploadsIdle(hub.sql);
    // Before the till's pull: the customers and one coupon of each offer reach the till.
    await issue(unique.id, '7000');
    await issue(unique.id, '7001');
    await issue(uploaded.id, '7000', 'UPL-OLD-1');
    billCode = await issue(upToBill.id, '7000');
    t1 = await startTill(hub, 'T1');
    t2 = await startTill(hub, 'T2');
    await t1.client.syncNow();
    t1.link.cut = true;
    // Issued at the hub while T1 cannot hear of it.
    fresh['unique'] = await issue(unique.id, '7000');
    fresh['randomized'] = await issue(randomized.id, '7000');
    fresh['uploaded'] = await issue(uploaded.id, '7000', 'UPL-NEW-1');
    fresh['unique2'] = await issue(unique.id, '7000');
    await hub.call(
      'uploads-create',
      { id: uploaded.id, csv: 'code\nUPL-LATE-1\n', kind: 'CODES' },
      backOffice,
    );
    await whenUploadsIdle(hub.sql);
    fresh['uploadedLate'] = await issue(uploaded.id, '7000', 'UPL-LATE-1');
  }, 120_000);

  afterAll(async () => {
    for (const t of [t1, t2]) await t?.db.close();
    await hub?.db.close();
  });

  it('generates unique and randomized codes of opted-in offers with a check appended', () => {
    // 'U' + 8 + 3 alphanumeric check characters; the randomized sample's 8 + 3.
    expect(fresh['unique']).toMatch(/^U[0-9A-Z]{11}$/);
    expect(fresh['randomized']).toHaveLength(11);
    expect(billCode).toMatch(/^[0-9]{8}$/);
  });

  describe('while T1 cannot reach the hub', () => {
    it('accepts a unique code issued after its last pull, proved by its check', async () => {
      const code = fresh['unique'] as string;
      const v = await validate(code);
      expect(v).toMatchObject({ valid: true, offerId: unique.id });
      const r = await redeem(code);
      expect(r.redemption.couponId).toBe(`offline-check:${code}`);
      const [fact] = await t1.sql.query<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM till_outbox WHERE payload->>'code' = $1`,
        [code],
      );
      expect(fact?.payload['verifiedOffline']).toBe(true);
    });

    it('counts a second use of that code like any other (single use per customer)', async () => {
      const code = fresh['unique'] as string;
      expect(await validate(code)).toMatchObject({ valid: false });
      expect(reasonsOf(await refusal(redeem(code))).map((r) => r.code)).toContain(
        'CUSTOMER_LIMIT_REACHED',
      );
    });

    it('refuses a code whose check fails, saying so, in validate and redeem alike', async () => {
      const code = fresh['unique'] as string;
      const last = code.at(-1) === 'A' ? 'B' : 'A';
      const tampered = `${code.slice(0, -1)}${last}`;
      const v = await validate(tampered);
      expect(v.valid).toBe(false);
      expect(v.reasons.map((r) => r.code)).toEqual(['OFFLINE_CHECK_FAILED']);
      expect(v.reasons[0]?.message).toContain('Checked unique');
      expect(reasonsOf(await refusal(redeem(tampered))).map((r) => r.code)).toEqual([
        'OFFLINE_CHECK_FAILED',
      ]);
    });

    it('binds a recipient-only code to its customer: another customer fails the check', async () => {
      const v = await validate(fresh['unique2'] as string, { customer: { userId: '7001' } });
      expect(v.reasons.map((r) => r.code)).toEqual(['OFFLINE_CHECK_FAILED']);
      const anonymous = await validate(fresh['unique2'] as string, { customer: undefined });
      expect(anonymous.reasons.map((r) => r.code)).toEqual(['OFFLINE_CHECK_NEEDS_CUSTOMER']);
    });

    it('accepts a randomized code issued after its last pull', async () => {
      const code = fresh['randomized'] as string;
      expect(await validate(code, { customer: undefined })).toMatchObject({ valid: true });
      const r = await redeem(code, { customer: undefined });
      expect(r.redemption.offerId).toBe(randomized.id);
    });

    it('says an uploaded code issued since cannot be checked offline, and why', async () => {
      const v = await validate(fresh['uploaded'] as string);
      expect(v.valid).toBe(false);
      expect(v.reasons.map((r) => r.code)).toEqual(['OFFLINE_CANNOT_CHECK']);
      expect(v.reasons[0]?.message).toMatch(
        /had not been issued .* Uploaded codes carry no offline check/,
      );
      expect(v.reasons[0]?.message).toMatch(/back online/);
      const e = await refusal(redeem(fresh['uploaded'] as string));
      expect(reasonsOf(e).map((r) => r.code)).toEqual(['OFFLINE_CANNOT_CHECK']);
      // Uploaded after the pull: the till has never seen the code at all.
      const late = await validate(fresh['uploadedLate'] as string);
      expect(late.reasons.map((r) => r.code)).toEqual(['OFFLINE_CANNOT_CHECK']);
      expect(late.reasons[0]?.message).toMatch(
        /Uploaded codes \(offer "Uploaded codes"\) carry no offline check/,
      );
      // The old uploaded code it did receive is still fine.
      expect(await validate('UPL-OLD-1')).toMatchObject({ valid: true });
    });

    it('does not call a code it cannot know fake: "cannot check while offline"', async () => {
      const v = await validate('NOSUCH99');
      expect(v.reasons.map((r) => r.code)).toEqual(['OFFLINE_CANNOT_CHECK']);
      expect(v.reasons[0]?.message).toMatch(/not synced to this store, or have been issued since/);
      expect(v.reasons[0]?.message).not.toMatch(/is not a coupon code of any offer/);
    });

    it('applies UP_TO_BILL in validate as in redeem, to the cent', async () => {
      expect(await validate(billCode, { billAmount: '500.00' })).toMatchObject({ valid: true });
      const over = await validate(billCode, { billAmount: '500.01' });
      expect(over).toMatchObject({ valid: false, discount: null });
      expect(over.reasons.map((r) => r.code)).toEqual(['OFFLINE_NOT_ALLOWED']);
      const e = await refusal(redeem(billCode, { billAmount: '500.01' }));
      expect(reasonsOf(e).map((r) => r.code)).toEqual(['OFFLINE_NOT_ALLOWED']);
      await redeem(billCode, { billAmount: '500' });
    });
  });

  describe('on reconnect', () => {
    it('the hub links each check-verified redemption to the real coupon and accepts it', async () => {
      t1.link.cut = false;
      await t1.client.syncNow();
      const rows = await hub.sql.query<{ code: string; coupon_id: string; classification: string }>(
        `SELECT r.code, r.coupon_id, r.classification FROM redemptions r WHERE r.till_id = 'T1' ORDER BY r.code`,
      );
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r.classification).toBe('accepted');
        expect(r.coupon_id.startsWith('offline-check:')).toBe(false);
      }
      expect(
        Number(
          (await hub.sql.query<{ n: unknown }>('SELECT count(*) AS n FROM reconciliation_items'))[0]
            ?.n,
        ),
      ).toBe(0);
      // The till's copy now points at the hub's coupon too, and nothing is pending.
      const here = await t1.sql.query<{ coupon_id: string }>(
        'SELECT coupon_id FROM redemptions WHERE code = $1',
        [fresh['unique']],
      );
      expect(here.map((r) => r.coupon_id)).toEqual([
        rows.find((r) => r.code === fresh['unique'])?.coupon_id,
      ]);
      expect(await t1.sql.query('SELECT 1 FROM till_outbox')).toEqual([]);
    });

    it('refuses honestly a flagged fact whose code the hub never issued', async () => {
      const out = await t2.link.send('sync-push', {
        facts: [
          {
            tillSeq: 1,
            clientId: '01900000-0000-7000-8000-00000000f00d',
            kind: 'REDEMPTION',
            deviceTime: new Date().toISOString(),
            leaseId: null,
            payload: {
              id: '01900000-0000-7000-8000-00000000f00d',
              couponId: 'offline-check:UNEVER1234',
              offerId: unique.id,
              code: 'UNEVER1234',
              customerId: null,
              storeId: 'S1',
              tillId: 'T2',
              billAmount: '100',
              currency: 'INR',
              discount: '10',
              redeemedAt: new Date().toISOString(),
              verifiedOffline: true,
            },
          },
        ],
      });
      expect(out.results[0]).toMatchObject({
        outcome: 'invalid',
        classification: 'refused',
        reason: { code: 'UNKNOWN_VERIFIED_CODE' },
      });
      expect(out.results[0]?.reconciliationId).toBeTruthy();
    });
  });
});
