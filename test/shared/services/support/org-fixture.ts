import type { HandlerContext } from '#shared/api/handlers';
import { createOrgEntity } from '#shared/services/org/org-service';

/**
 * Concept C1 → zones Z1 (stores S1, S2) and Z2 (store S3); each store has tills T<store>-1/2.
 * S3 is in Dubai (AED), the rest in India (INR).
 */
export async function buildOrg(ctx: HandlerContext): Promise<void> {
  const add = (
    id: string,
    type: 'CONCEPT' | 'ZONE' | 'STORE' | 'TILL',
    parentId: string | null,
    timeZone: string | null = null,
    currency: string | null = null,
  ) => createOrgEntity({ id, type, name: `${type} ${id}`, parentId, timeZone, currency }, ctx);
  await add('C1', 'CONCEPT', null);
  await add('Z1', 'ZONE', 'C1');
  await add('Z2', 'ZONE', 'C1');
  await add('S1', 'STORE', 'Z1', 'Asia/Kolkata', 'INR');
  await add('S2', 'STORE', 'Z1', 'Asia/Kolkata', 'INR');
  await add('S3', 'STORE', 'Z2', 'Asia/Dubai', 'AED');
  for (const s of ['S1', 'S2', 'S3']) {
    await add(`T${s}-1`, 'TILL', s);
    await add(`T${s}-2`, 'TILL', s);
  }
}
