import { describe, expect, it } from 'vitest';
import type { Claim, ConsumerType } from '#shared/domain/offer';
import { checkClaim } from '../../../src-shared/engine';
import { codesOf, makeOffer } from './fixtures';

const claimBy = (consumerType: ConsumerType, consumerId: string): Claim => ({
  consumerType,
  consumerId,
  consumerName: `${consumerType} ${consumerId}`,
  claimedAt: '2024-11-01T00:00:00Z',
});

describe('checkClaim', () => {
  const offer = makeOffer();

  it.each(['DVS', 'TIMELINE', 'LOYALTY'] as const)('%s may claim many offers', (type) => {
    expect(checkClaim(offer, null, type, 'c1', 7)).toEqual({
      ok: true,
      value: { alreadyClaimed: false },
    });
  });

  it('an outbound campaign claims exactly one offer', () => {
    expect(checkClaim(offer, null, 'OUTBOUND', 'camp-1', 0).ok).toBe(true);
    expect(codesOf(checkClaim(offer, null, 'OUTBOUND', 'camp-1', 1))).toEqual([
      'OUTBOUND_ALREADY_HAS_OFFER',
    ]);
  });

  it('an offer claimed by one consumer is unavailable to every other', () => {
    const existing = claimBy('DVS', 'dvs-1');
    for (const [type, id] of [
      ['DVS', 'dvs-2'],
      ['LOYALTY', 'dvs-1'],
      ['TIMELINE', 't-1'],
    ] as const) {
      const r = checkClaim(offer, existing, type, id, 0);
      expect(codesOf(r)).toEqual(['ALREADY_CLAIMED']);
      expect(r.ok ? '' : r.reasons[0]?.message).toMatch(/DVS dvs-1/);
    }
  });

  it('re-claim by the same consumer is idempotent', () => {
    const existing = claimBy('OUTBOUND', 'camp-1');
    expect(checkClaim(offer, existing, 'OUTBOUND', 'camp-1', 1)).toEqual({
      ok: true,
      value: { alreadyClaimed: true },
    });
  });

  it('lists both reasons when both apply', () => {
    const r = checkClaim(offer, claimBy('LOYALTY', 'p'), 'OUTBOUND', 'camp-2', 1);
    expect(codesOf(r)).toEqual(['ALREADY_CLAIMED', 'OUTBOUND_ALREADY_HAS_OFFER']);
  });
});
