import type { HandlerGroup } from '#shared/api/handlers';
import { createOffer } from './offer-create';
import { getOfferDetails, getOfferTimeline } from './offer-details';
import { listOffers } from './offer-list';
import { setOfferSync } from './offer-sync';
import { searchPastIssualOffers } from './past-issual-offers';
import { updateOffer } from './offer-update';

type OfferOps =
  | 'offers-create'
  | 'offers-list'
  | 'offers-past-issual-search'
  | 'offers-get'
  | 'offers-update'
  | 'offers-timeline'
  | 'offers-set-sync';

export const offersHandlers: HandlerGroup<OfferOps> = {
  'offers-create': (input, ctx) => createOffer(input, ctx),
  'offers-list': (input, ctx) => listOffers(input, ctx),
  'offers-past-issual-search': (input, ctx) => searchPastIssualOffers(input, ctx),
  'offers-get': (input, ctx) => getOfferDetails(ctx.sql, input.id),
  'offers-update': (input, ctx) => updateOffer(input, ctx),
  'offers-timeline': (input, ctx) => getOfferTimeline(input.id, ctx),
  'offers-set-sync': (input, ctx) => setOfferSync(input, ctx),
};
