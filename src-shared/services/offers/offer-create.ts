import type { HandlerContext } from '#shared/api/handlers';
import type { Offer, OfferConfig } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { checkOrgRefs, getOrgSettings } from '../org/index';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { invalidInput, isUniqueViolation } from '../shared/errors';
import { newId } from '../shared/ids';
import { generateOfferCode, offerCodeConflict, offerCodeTaken } from './offer-code';
import { requireOffer } from './offer-repo';
import { checkOrgDefinitionRefs } from './offer-org-definitions';
import { insertOfferRow, rewriteOfferTags } from './offer-write';
import { checkPastIssualRefs } from './past-issual-offers';
import { checkOfferConfig } from './validate-offer';
import { allocateFixedPart, newSeriesKeyHex } from './series-secrets';

/**
 * Store and sync references name existing org entities of the stated type; past-issual offers
 * exist; metadata and points of contact follow the org's definitions.
 */
export async function checkOfferRefs(sql: SqlPort, config: OfferConfig) {
  return [
    ...(await checkOrgRefs(sql, config.redemption.stores, 'redemption.stores')),
    ...(await checkOrgRefs(sql, config.syncToInStore.scope, 'syncToInStore.scope')),
    ...(await checkPastIssualRefs(sql, config)),
    ...(await checkOrgDefinitionRefs(sql, config)),
  ];
}

/**
 * Creates an offer from a validated config: an id (UUIDv7) and an offer code when none is
 * given, and for randomized common codes a fresh 32-byte series key and an org-unique fixed
 * part. The offer starts at its creation; its end comes from its expiry.
 */
export async function createOffer(
  input: OfferConfig,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<Offer> {
  const at = nowIso(ctx);
  const org = await getOrgSettings(ctx.sql);
  const { config, reasons } = checkOfferConfig(input, at, org.currency);
  reasons.push(...(await checkOfferRefs(ctx.sql, config)));
  if (reasons.length > 0) throw invalidInput(reasons);

  try {
    return await ctx.sql.transaction(async (tx) => {
      const id = newId(ctx.now().getTime());
      let offerCode = config.offerCode;
      if (offerCode === undefined) offerCode = await generateOfferCode(tx);
      else if (await offerCodeTaken(tx, offerCode)) throw offerCodeConflict(offerCode);
      const stored: OfferConfig = { ...config, offerCode };
      const randomized = stored.codeGeneration.method === 'RANDOMIZED_COMMON';
      const fixedPart =
        stored.codeGeneration.method === 'RANDOMIZED_COMMON'
          ? await allocateFixedPart(tx, id, stored.codeGeneration.sample)
          : null;
      await insertOfferRow(tx, {
        id,
        offerCode,
        config: stored,
        fixedPart,
        seriesKeyHex: randomized ? newSeriesKeyHex() : null,
        at,
      });
      await rewriteOfferTags(tx, id, stored);
      await audit(tx, {
        at,
        actor: actorOf(ctx.principal),
        action: 'offer.create',
        entityType: 'offer',
        entityId: id,
        details: { offerCode, name: stored.name },
      });
      return requireOffer(tx, id);
    });
  } catch (error) {
    // Two creates racing for one explicit code: the unique index decides, the loser is told.
    if (isUniqueViolation(error) && config.offerCode !== undefined) {
      throw offerCodeConflict(config.offerCode);
    }
    throw error;
  }
}
