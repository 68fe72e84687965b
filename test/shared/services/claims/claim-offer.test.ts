import { expect, it } from 'vitest';
import { ApiError } from '#shared/api/errors';
import { claimOffer } from '#shared/services/claims/claim-offer';
import { createOffer } from '#shared/services/offers/offer-create';
import { loadOffer } from '#shared/services/offers/offer-repo';
import { DAY } from '../support/context';
import { eachDialect } from '../../../helpers/db';
import { offerConfig } from '../support/offer-fixture';
import { apiError as fails } from '../support/api-error';
import { useServiceWorld } from '../support/world';

type ClaimInput = Parameters<typeof claimOffer>[0];
const codesOf = (e: ApiError) =>
  (e.details as { reasons: { code: string }[] }).reasons.map((r) => r.code);

eachDialect('claims', (dialect) => {
  const w = useServiceWorld(dialect, { org: false });
  const newOffer = async () => (await createOffer(offerConfig(), w.ctx)).id;
  const claim = (id: string, over: Partial<ClaimInput> = {}) =>
    claimOffer(
      { id, consumerType: 'LOYALTY', consumerId: 'gold', consumerName: 'Gold program', ...over },
      w.ctx,
    );

  it('records the claim on the offer and in the audit log', async () => {
    const id = await newOffer();
    const c = await claim(id);
    expect(c).toEqual({
      consumerType: 'LOYALTY',
      consumerId: 'gold',
      consumerName: 'Gold program',
      claimedAt: w.ctx.now().toISOString(),
    });
    const offer = await loadOffer(w.sql, id);
    expect(offer?.claim).toEqual(c);
    expect(offer?.version).toBe(2);
    const audit = await w.sql.query(
      "SELECT actor, details FROM audit_log WHERE action = 'offer.claim' AND entity_id = $1",
      [id],
    );
    expect(audit).toEqual([{ actor: 'backoffice', details: c }]);
  });

  it('the same consumer claiming again is idempotent (original claim returned)', async () => {
    const id = await newOffer();
    const first = await claim(id);
    w.advance(DAY);
    const again = await claim(id, { consumerName: 'renamed' });
    expect(again).toEqual(first);
    expect((await loadOffer(w.sql, id))?.version).toBe(2);
  });

  it('a claimed offer is unavailable to every other consumer', async () => {
    const id = await newOffer();
    await claim(id, { consumerType: 'DVS', consumerId: 'dvs-1', consumerName: 'Bounce back' });
    for (const other of [
      { consumerType: 'DVS', consumerId: 'dvs-2' },
      { consumerType: 'LOYALTY', consumerId: 'dvs-1' },
      { consumerType: 'TIMELINE', consumerId: 'tl' },
    ] as const) {
      const e = await fails(claim(id, other));
      expect(e.code).toBe('CONFLICT');
      expect(codesOf(e)).toContain('ALREADY_CLAIMED');
      expect(e.message).toContain('Bounce back');
    }
    expect((await loadOffer(w.sql, id))?.claim?.consumerId).toBe('dvs-1');
  });

  it('DVS, timeline and loyalty consumers hold many offers; outbound exactly one', async () => {
    for (const consumerType of ['DVS', 'TIMELINE', 'LOYALTY'] as const) {
      for (let i = 0; i < 3; i++) {
        await claim(await newOffer(), { consumerType, consumerId: `many-${consumerType}` });
      }
      const [n] = await w.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM offers WHERE claim_consumer_id = $1',
        [`many-${consumerType}`],
      );
      expect(n?.n).toBe(3);
    }
    const first = await newOffer();
    await claim(first, { consumerType: 'OUTBOUND', consumerId: 'ob-1' });
    // Re-claiming its own offer is still fine.
    await claim(first, { consumerType: 'OUTBOUND', consumerId: 'ob-1' });
    const second = await newOffer();
    const e = await fails(claim(second, { consumerType: 'OUTBOUND', consumerId: 'ob-1' }));
    expect(codesOf(e)).toEqual(['OUTBOUND_ALREADY_HAS_OFFER']);
    expect((await loadOffer(w.sql, second))?.claim).toBeNull();
    // Another outbound campaign may take it.
    await claim(second, { consumerType: 'OUTBOUND', consumerId: 'ob-2' });
  });

  it('concurrent outbound claims of two offers: exactly one wins', async () => {
    const [a, b] = [await newOffer(), await newOffer()];
    const results = await Promise.allSettled([
      claim(a, { consumerType: 'OUTBOUND', consumerId: 'ob-race' }),
      claim(b, { consumerType: 'OUTBOUND', consumerId: 'ob-race' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('an ended offer cannot be claimed; an unknown one is NOT_FOUND', async () => {
    const id = (
      await createOffer(
        offerConfig({
          expiry: {
            type: 'FIXED_DATE',
            endsAt: new Date(w.ctx.now().getTime() + DAY).toISOString(),
          },
        }),
        w.ctx,
      )
    ).id;
    w.advance(2 * DAY);
    const e = await fails(claim(id));
    expect(e.code).toBe('RULE_FAILED');
    expect(codesOf(e)).toEqual(['OFFER_EXPIRED']);
    expect((await fails(claim('missing'))).code).toBe('NOT_FOUND');
  });
});
