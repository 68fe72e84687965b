import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { checkOrgRefs } from '../org/index';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { invalidInput } from '../shared/errors';
import { requireOffer } from './offer-repo';
import { writeSyncScope } from './offer-write';
import { mergeStoreScopedSync } from './sync-scope';

/**
 * Turns syncing an offer to in-store tills on or off, and for which concepts, zones, stores
 * or tills (empty scope = every store). The flag column, the scope rows and the stored config
 * change together so every reader agrees. Store managers set it for their own stores only
 * (sync-scope.ts).
 */
export async function setOfferSync(
  input: OpParsedInput<'offers-set-sync'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<OpOutput<'offers-set-sync'>> {
  const at = nowIso(ctx);
  const reasons = await checkOrgRefs(ctx.sql, input.scope, 'scope');
  if (reasons.length > 0) throw invalidInput(reasons);
  return ctx.sql.transaction(async (tx) => {
    const offer = await requireOffer(tx, input.id, true);
    const syncToInStore = await mergeStoreScopedSync(tx, ctx.principal, offer.syncToInStore, {
      enabled: input.enabled,
      scope: input.scope,
    });
    await tx.query(
      `UPDATE offers SET sync_enabled = $2,
              config = jsonb_set(config, '{syncToInStore}', $3::jsonb),
              modified_at = $4, version = version + 1
        WHERE id = $1`,
      [input.id, input.enabled, JSON.stringify(syncToInStore), at],
    );
    await tx.query('DELETE FROM offer_sync_scope WHERE offer_id = $1', [input.id]);
    await writeSyncScope(tx, input.id, syncToInStore.scope);
    await audit(tx, {
      at,
      actor: actorOf(ctx.principal),
      action: 'offer.sync',
      entityType: 'offer',
      entityId: input.id,
      details: syncToInStore,
    });
    return { id: input.id, ...syncToInStore };
  });
}
