import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpParsedInput } from '#shared/api/operations';
import type { Offer } from '#shared/domain/offer';
import { checkOfferEdit } from '#shared/engine/index';
import { getOrgSettings } from '../org/index';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { invalidInput, isUniqueViolation } from '../shared/errors';
import { checkOfferRefs } from './offer-create';
import { offerCodeConflict, offerCodeTaken } from './offer-code';
import { requireOffer } from './offer-repo';
import { rewriteOfferTags, updateOfferRow } from './offer-write';
import { checkOfferConfig } from './validate-offer';

export type OfferUpdateInput = OpParsedInput<'offers-update'>;

/** JSON with keys sorted: the stored and the edited section may list their keys differently. */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

/**
 * What an edit actually changed, with the values before and after: the audit trail shows
 * those, not every section the editor happened to send back unchanged.
 */
export function changesOf(
  before: Offer,
  after: Record<string, unknown>,
  sent: readonly string[],
): { fields: string[]; changes: Record<string, { before: unknown; after: unknown }> } {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of sent) {
    const old = (before as Record<string, unknown>)[field];
    const value = after[field];
    if (canonical(old) !== canonical(value)) {
      changes[field] = { before: old ?? null, after: value ?? null };
    }
  }
  return { fields: Object.keys(changes), changes };
}

/**
 * Edits an offer. Each top-level section given replaces the stored one; the engine refuses
 * changes to the id, expiry type, code-generation method and randomized sample
 * (IMMUTABLE_FIELD naming the field). With expectedVersion, a stale edit is a CONFLICT instead
 * of silently overwriting someone else's change. The row is locked for the whole edit.
 */
export async function updateOffer(
  input: OfferUpdateInput,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<Offer> {
  const { id, expectedVersion, ...patch } = input;
  const at = nowIso(ctx);
  const org = await getOrgSettings(ctx.sql);
  try {
    return await ctx.sql.transaction(async (tx) => {
      const before = await requireOffer(tx, id, true);
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new ApiError(
          'CONFLICT',
          `Offer ${id} was changed by someone else (now version ${before.version}, you edited version ${expectedVersion}); reload it and edit again`,
          { field: 'expectedVersion', expectedVersion, actualVersion: before.version },
        );
      }
      const edit = checkOfferEdit(before, patch);
      if (!edit.ok) {
        const immutable = edit.reasons.find((r) => r.code === 'IMMUTABLE_FIELD');
        if (immutable) {
          throw new ApiError('IMMUTABLE_FIELD', immutable.message, {
            field: immutable.field,
            reasons: edit.reasons,
          });
        }
        throw invalidInput(edit.reasons);
      }
      const { config, reasons } = checkOfferConfig(edit.value, before.createdAt, org.currency);
      reasons.push(...(await checkOfferRefs(tx, config)));
      if (reasons.length > 0) throw invalidInput(reasons);
      const offerCode = config.offerCode ?? before.offerCode;
      if (offerCode !== before.offerCode && (await offerCodeTaken(tx, offerCode, id))) {
        throw offerCodeConflict(offerCode);
      }
      await updateOfferRow(tx, id, offerCode, { ...config, offerCode }, at);
      await rewriteOfferTags(tx, id, config);
      await audit(tx, {
        at,
        actor: actorOf(ctx.principal),
        action: 'offer.update',
        entityType: 'offer',
        entityId: id,
        details: {
          ...changesOf(before, { ...config, offerCode }, Object.keys(patch)),
          version: before.version + 1,
        },
      });
      return requireOffer(tx, id);
    });
  } catch (error) {
    if (isUniqueViolation(error) && patch.offerCode !== undefined) {
      throw offerCodeConflict(patch.offerCode);
    }
    throw error;
  }
}
