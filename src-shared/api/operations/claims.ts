import { z } from 'zod';
import { defineOperation } from '../define';
import { claim, consumerType } from '#shared/domain/offer';
import { offerSummary } from './offers';

/** An offer a consuming service holds, with the claim itself. */
export const claimedOffer = offerSummary.extend({ claim });

export const claimsOperations = {
  'offers-claim': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/claims',
    input: z.object({
      id: z.string(),
      consumerType,
      consumerId: z.string().min(1),
      consumerName: z.string().min(1),
    }),
    output: claim,
    roles: ['back_office', 'admin'],
    summary: 'Claim an offer for a consuming service (DVS, outbound, timeline, loyalty)',
  }),
  'offers-claim-release': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/claims/release',
    input: z.object({
      id: z.string(),
      /** The holder being released, as the caller last saw it: a claim changed since is refused. */
      consumerType,
      consumerId: z.string().min(1),
      reason: z.string().trim().max(500).default(''),
    }),
    output: z.object({ released: claim }),
    roles: ['back_office', 'admin'],
    summary:
      'Release an offer from the service that claimed it, so any service may claim it again (audited)',
  }),
  'claims-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/claims',
    input: z.object({
      consumerType: consumerType.optional(),
      consumerId: z.string().min(1).optional(),
    }),
    output: z.object({ items: z.array(claimedOffer) }),
    roles: ['back_office', 'admin'],
    summary:
      'The offers a consuming service holds (by type, and id), newest claim first; every claimed offer when neither is given',
  }),
};
