import type { HandlerGroup } from '#shared/api/handlers';
import {
  addAudienceCustomer,
  audienceCsv,
  getAudience,
  removeAudienceCustomer,
} from './audience-service';

export const audienceHandlers: HandlerGroup<
  'audience-get' | 'audience-add' | 'audience-remove' | 'audience-export'
> = {
  'audience-get': (input, ctx) => getAudience(ctx.sql, input.id),
  'audience-add': (input, ctx) => addAudienceCustomer(input, ctx),
  'audience-remove': (input, ctx) => removeAudienceCustomer(input, ctx),
  'audience-export': async (input, ctx) => ({ csv: await audienceCsv(ctx.sql, input.id) }),
};
