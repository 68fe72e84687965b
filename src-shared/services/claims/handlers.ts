import type { HandlerGroup } from '#shared/api/handlers';
import { claimOffer } from './claim-offer';
import { listClaims } from './list-claims';
import { releaseClaim } from './release-claim';

/** Claims: an offer taken by one consuming service, released, and what each service holds. */
export const claimsHandlers: HandlerGroup<'offers-claim' | 'offers-claim-release' | 'claims-list'> =
  {
    'offers-claim': (input, ctx) => claimOffer(input, ctx),
    'offers-claim-release': (input, ctx) => releaseClaim(input, ctx),
    'claims-list': (input, ctx) => listClaims(input, ctx),
  };
