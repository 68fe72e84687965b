import type { HandlerGroup } from '#shared/api/handlers';
import { listSeriesByOrgEntity } from './series-list';

export const seriesHandlers: HandlerGroup<'series-list'> = {
  'series-list': (input, ctx) => listSeriesByOrgEntity(input, ctx),
};
