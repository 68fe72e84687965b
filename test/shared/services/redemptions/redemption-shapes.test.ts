import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  redemption,
  redemptionCore,
  redemptionCoreOf,
  redemptionFactPayload,
  redemptionRecord,
  type RedemptionRecord,
} from '#shared/domain/redemption';
import { insertRedemption } from '#shared/services/redemptions/ledger';
import {
  redemptionByIdSql,
  redemptionFromRow,
  type RedemptionRow,
} from '#shared/services/redemptions/redemption-row';
import { makeCustomer, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs } from './helpers';

// The four shapes of a redemption derive from one domain schema (docs/architecture.md,
// "Domain"): these check that a redemption travels through each of them and back unchanged.

const coreKeys = Object.keys(redemptionCore.shape).sort();

it('every shape carries every core field', () => {
  for (const schema of [redemptionRecord, redemptionFactPayload, redemption]) {
    expect(coreKeys.every((k) => k in schema.shape)).toBe(true);
  }
});

eachDialect('redemption shapes round-trip', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  const readBack = async (id: string) => {
    const rows = await w.sql.query<RedemptionRow>(redemptionByIdSql, [id]);
    return redemptionFromRow(rows[0] as RedemptionRow);
  };

  it('API view → record (as the till records a hub answer) → row → API view', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const { redemption: view } = await redeemAs(w.ctx, code, who);
    expect(redemption.parse(view)).toEqual(view);
    expect(await readBack(view.id)).toEqual(view);

    // Written again from the view, as a till records the hub's answer in its replica (here
    // under another id, in the same ledger), it reads back as the same view.
    const record: RedemptionRecord = {
      ...redemptionCoreOf(view),
      id: `${view.id}-copy`,
      deviceTime: null,
      origin: 'ONLINE',
      leaseId: null,
    };
    expect(await insertRedemption(w.sql, record)).toEqual({ applied: true });
    expect(await readBack(record.id)).toEqual({ ...view, id: record.id });
  });

  it('record → fact payload (as the till pushes it) → record', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const { redemption: view } = await redeemAs(w.ctx, code, who);
    const [row] = await w.sql.query<Record<string, unknown>>(
      `SELECT device_time, origin, lease_id FROM redemptions WHERE id = $1`,
      [view.id],
    );
    const record: RedemptionRecord = {
      ...redemptionCoreOf(view),
      deviceTime: row?.['device_time'] as string,
      origin: row?.['origin'] as 'ONLINE',
      leaseId: null,
    };
    const payload = redemptionFactPayload.parse(JSON.parse(JSON.stringify({ ...record })));
    expect(redemptionRecord.parse(payload)).toEqual(record);
    expect(redemptionCoreOf(payload)).toEqual(redemptionCoreOf(view));
    // An older till's payload without a customer reads as none.
    const { customerId: _omitted, ...withoutCustomer } = record;
    expect(redemptionFactPayload.parse(withoutCustomer).customerId).toBeNull();
  });
});
