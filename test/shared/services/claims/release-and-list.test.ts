import { expect, it } from 'vitest';
import type { ApiError } from '#shared/api/errors';
import { claimOffer } from '#shared/services/claims/claim-offer';
import { listClaims } from '#shared/services/claims/list-claims';
import { releaseClaim } from '#shared/services/claims/release-claim';
import { createOffer } from '#shared/services/offers/offer-create';
import { loadOffer } from '#shared/services/offers/offer-repo';
import type { ConsumerType } from '#shared/domain/offer';
import { eachDialect } from '../../../helpers/db';
import { DAY } from '../support/context';
import { offerConfig } from '../support/offer-fixture';
import { apiError as fails } from '../support/api-error';
import { useServiceWorld } from '../support/world';

const codesOf = (e: ApiError) =>
  (e.details as { reasons: { code: string }[] }).reasons.map((r) => r.code);

eachDialect('claims: release and list', (dialect) => {
  const w = useServiceWorld(dialect, { org: false });
  const newOffer = async (name = 'Offer') => (await createOffer(offerConfig({ name }), w.ctx)).id;
  const claim = (id: string, consumerType: ConsumerType, consumerId: string) =>
    claimOffer({ id, consumerType, consumerId, consumerName: `${consumerId} name` }, w.ctx);
  const release = (id: string, consumerType: ConsumerType, consumerId: string, reason = '') =>
    releaseClaim({ id, consumerType, consumerId, reason }, w.ctx);
  const list = (consumerType?: ConsumerType, consumerId?: string) =>
    listClaims({ consumerType, consumerId }, w.ctx);

  it('release frees the offer for any service, moves its version and is audited', async () => {
    const id = await newOffer();
    const held = await claim(id, 'OUTBOUND', 'spring');
    w.advance(DAY);
    expect(await release(id, 'OUTBOUND', 'spring', 'campaign cancelled')).toEqual({
      released: held,
    });
    const offer = await loadOffer(w.sql, id);
    expect(offer?.claim).toBeNull();
    expect(offer?.version).toBe(3);
    expect(offer?.modifiedAt).toBe(w.ctx.now().toISOString());
    const trail = await w.sql.query(
      "SELECT actor, details FROM audit_log WHERE action = 'offer.claim-release' AND entity_id = $1",
      [id],
    );
    expect(trail).toEqual([
      { actor: 'backoffice', details: { ...held, reason: 'campaign cancelled' } },
    ]);
    // Another service may claim it now; the outbound campaign may take another offer.
    expect((await claim(id, 'LOYALTY', 'gold')).consumerId).toBe('gold');
    expect((await claim(await newOffer(), 'OUTBOUND', 'spring')).consumerId).toBe('spring');
  });

  it('refuses an unclaimed offer, or a claim held by another service, changing nothing', async () => {
    const id = await newOffer();
    const none = await fails(release(id, 'DVS', 'bb'));
    expect(none.code).toBe('CONFLICT');
    expect(codesOf(none)).toEqual(['NOT_CLAIMED']);
    await claim(id, 'DVS', 'bb');
    const other = await fails(release(id, 'DVS', 'someone-else'));
    expect(other.code).toBe('CONFLICT');
    expect(codesOf(other)).toEqual(['CLAIMED_BY_OTHER']);
    expect(other.message).toContain('"bb name" (bb)');
    const otherType = await fails(release(id, 'LOYALTY', 'bb'));
    expect(codesOf(otherType)).toEqual(['CLAIMED_BY_OTHER']);
    expect((await loadOffer(w.sql, id))?.claim?.consumerId).toBe('bb');
    expect((await fails(release('no-such-offer', 'DVS', 'bb'))).code).toBe('NOT_FOUND');
  });

  it('lists the offers a consumer holds, newest claim first, with each claim', async () => {
    const a = await newOffer('Listed A');
    const b = await newOffer('Listed B');
    const c = await newOffer('Listed C');
    await claim(a, 'TIMELINE', 'tl-1');
    w.advance(1000);
    await claim(b, 'TIMELINE', 'tl-1');
    await claim(c, 'TIMELINE', 'tl-2');
    const held = await list('TIMELINE', 'tl-1');
    expect(held.items.map((o) => o.name)).toEqual(['Listed B', 'Listed A']);
    expect(held.items[0]).toMatchObject({
      id: b,
      claimedBy: 'Timeline: tl-1 name',
      claim: { consumerType: 'TIMELINE', consumerId: 'tl-1', consumerName: 'tl-1 name' },
    });
    expect((await list('TIMELINE')).items.map((o) => o.name)).toEqual([
      'Listed C',
      'Listed B',
      'Listed A',
    ]);
    // The same id under another type is another consumer.
    expect((await list('LOYALTY', 'tl-1')).items).toEqual([]);
    await release(a, 'TIMELINE', 'tl-1');
    expect((await list('TIMELINE', 'tl-1')).items.map((o) => o.name)).toEqual(['Listed B']);
    const all = (await list()).items.map((o) => o.id);
    expect(all).toEqual(expect.arrayContaining([b, c]));
    expect(all).not.toContain(a);
  });
});
