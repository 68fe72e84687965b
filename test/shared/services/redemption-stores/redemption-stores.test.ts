import { expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import type { OperationName, OpInput, OpOutput } from '#shared/api/operations';
import { createHandlers } from '#shared/services/handlers';
import { requireOffer } from '#shared/services/offers/offer-repo';
import { createOrgEntity } from '#shared/services/org/org-service';
import { apiError, makeCustomer, makeOffer, useCouponWorld } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs, refusal } from '../redemptions/helpers';

const dispatch = createDispatcher(createHandlers(), { onInternalError: () => undefined });

/**
 * "Stores allowing redemption" from a CSV, through the dispatcher as back office, against the
 * support org (concept C1; zones Z1 with S1, S2 and Z2 with S3; tills TS1-1 … TS3-2; each
 * named "<TYPE> <id>").
 */
eachDialect('redemption stores from a CSV', (dialect) => {
  const w = useCouponWorld(dialect);
  const send = async <K extends OperationName>(name: K, input: OpInput<K>) =>
    (await dispatch(name, input, w.ctx)) as OpOutput<K>;
  const check = (csv: string) => send('redemption-stores-check', { csv });

  it('reads tills, stores, zones and concepts, by id or exact name, each once', async () => {
    const list = await check(
      'type,id\nSTORE,S1\nzone,Z2\n,TS3-1\nConcept,C1\nSTORE,S1\nstore,store s2\n',
    );
    expect(list).toEqual({
      stores: [
        { type: 'STORE', id: 'S1' },
        { type: 'ZONE', id: 'Z2' },
        { type: 'TILL', id: 'TS3-1' },
        { type: 'CONCEPT', id: 'C1' },
        { type: 'STORE', id: 'S2' },
      ],
      rows: 6,
      issues: [],
    });
    // A typed id column fixes the type; CRLF line ends and trailing blank lines are fine.
    expect((await check('tillId\r\nTS1-1\r\nTS1-2\r\n\r\n')).stores).toEqual([
      { type: 'TILL', id: 'TS1-1' },
      { type: 'TILL', id: 'TS1-2' },
    ]);
  });

  it('names every row that names nothing usable: its row, its value and why', async () => {
    const list = await check(
      'type,id\nSTORE,S1\nSTORE,S9\nZONE,S1\nshop,S2\n"",""\n,\nTILL,TS1-1\n',
    );
    expect(list.stores).toEqual([
      { type: 'STORE', id: 'S1' },
      { type: 'TILL', id: 'TS1-1' },
    ]);
    expect(list.issues).toEqual([
      {
        row: 3,
        value: 'S9',
        code: 'UNKNOWN_ORG_ENTITY',
        message: 'No store has the id or name "S9"',
      },
      { row: 4, value: 'S1', code: 'WRONG_TYPE', message: '"S1" is a store, not a zone' },
      {
        row: 5,
        value: 'S2',
        code: 'BAD_TYPE',
        message: 'The type "shop" is not one of till, store, zone or concept',
      },
      {
        row: 6,
        value: '',
        code: 'EMPTY_ROW',
        message: 'This row holds nothing (only "" or spaces); delete the row or fill in its id',
      },
      {
        row: 7,
        value: '',
        code: 'EMPTY_ROW',
        message: 'This row holds nothing (only "" or spaces); delete the row or fill in its id',
      },
    ]);
    const typed = await check('storeId\nZ1\nnowhere\n');
    expect(typed.issues.map((i) => [i.row, i.message])).toEqual([
      [2, '"Z1" is a zone, not a store'],
      [3, 'No store has the id or name "nowhere"'],
    ]);
  });

  it('a name two places share is not a guess: the row asks for the id', async () => {
    await createOrgEntity(
      {
        id: 'S7',
        type: 'STORE',
        name: 'Mall Road',
        parentId: 'Z1',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
      },
      w.ctx,
    );
    await createOrgEntity(
      {
        id: 'S8',
        type: 'STORE',
        name: 'mall road',
        parentId: 'Z2',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
      },
      w.ctx,
    );
    const list = await check('id\nMall Road\n');
    expect(list.issues).toEqual([
      {
        row: 2,
        value: 'Mall Road',
        code: 'AMBIGUOUS_NAME',
        message: '"Mall Road" is the name of 2 places (store S7, store S8); give the id instead',
      },
    ]);
  });

  it('refuses a file it cannot read at all, saying what header it expects', async () => {
    const header = await apiError(check('store,amount\nS1,5\n'));
    expect(header.code).toBe('INVALID_INPUT');
    expect(header.message).toBe(
      'The header row has unknown column "store"; unknown column "amount"; no id column. ' +
        'Expected one id column (id, tillId, storeId, zoneId or conceptId) and optionally a type column, e.g. "type,id".',
    );
    expect((await apiError(check(''))).message).toContain('The file is empty');
    expect((await apiError(check('type,id\n'))).message).toBe(
      'The file has a header but lists no till, store, zone or concept',
    );
    expect((await apiError(check('storeId,type\nS1,STORE\n'))).message).toContain(
      'a type column beside "storeId", which fixes the type',
    );
  });

  it('sets an offer’s stores from the file, or changes nothing when any row is wrong', async () => {
    const offer = await makeOffer(w.ctx, { name: 'Till one only' });
    const bad = await apiError(
      send('redemption-stores-set', { id: offer.id, csv: 'tillId\nTS1-1\nTS9-9\nZ1\n' }),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toBe(
      '2 rows of the file name no place that can redeem (row 3: No till has the id or name "TS9-9"; ' +
        'row 4: "Z1" is a zone, not a till). Correct them and upload the file again; nothing was changed',
    );
    const untouched = await requireOffer(w.sql, offer.id);
    expect(untouched.redemption.stores).toEqual([]);
    expect(untouched.version).toBe(offer.version);

    const set = await send('redemption-stores-set', { id: offer.id, csv: 'tillId\nTS1-1\n' });
    expect(set).toEqual({
      offerId: offer.id,
      stores: [{ type: 'TILL', id: 'TS1-1' }],
      version: offer.version + 1,
    });
    const stored = await requireOffer(w.sql, offer.id);
    expect(stored.redemption).toEqual({
      ...offer.redemption,
      stores: [{ type: 'TILL', id: 'TS1-1' }],
    });
    const trail = await w.sql.query<{ details: { fields?: string[] } }>(
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'offer.update'`,
      [offer.id],
    );
    expect(trail.map((t) => t.details.fields)).toEqual([['redemption']]);

    // The scope is the one redemption reads: the listed till redeems, its neighbour does not.
    const ana = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, stored, ana);
    expect(await refusal(redeemAs(w.ctx, code, ana, { tillId: 'TS1-2' }))).toEqual([
      'STORE_NOT_ALLOWED',
    ]);
    const ok = await redeemAs(w.ctx, code, ana, { tillId: 'TS1-1' });
    expect(ok.redemption.tillId).toBe('TS1-1');
  });
});
