import { z } from 'zod';
import { defineOperation } from '../define';
import { orgEntityType } from '#shared/domain/primitives';
import { offerSummary } from './offers';

/** Offers by the org entities they are tagged to (the seed's "series" view). */
export const seriesOperations = {
  'series-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/series',
    input: z.object({
      orgEntityType,
      orgEntityIds: z
        .union([z.string(), z.array(z.string())])
        .transform((v) => (Array.isArray(v) ? v : [v])),
    }),
    output: z.object({ items: z.array(offerSummary) }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Offers tagged directly to tills, stores, zones or concepts (one type per request)',
  }),
};
