import { resolveCharset } from '#shared/codes/charsets';
import {
  checkFormatFor,
  createKeyedChecker,
  type CheckSubject,
  type KeyedChecker,
} from '#shared/codes/keyed-check';
import { normalizeCode } from '#shared/codes/normalize';
import { analyzeSample } from '#shared/codes/randomized-series';
import type { Offer } from '#shared/domain/offer';
import { allowsAnyone } from '#shared/engine/limits';
import type { SqlPort } from '#shared/sql/port';
import { loadSeriesKey, newSeriesKeyHex, toHex } from '../offers/index';
import { randomizedSeriesOf } from './code-allocation';

/**
 * Offline-verifiable codes (docs/sync.md): an offer that opts in (offlinePolicy.verifiedCodes)
 * has a keyed check appended to every code it generates, so a till that has not synced since
 * the code was issued can still tell a real code of the offer from a guess. Uploaded and
 * common codes are not generated here and carry none.
 */

/** Whether the offer's newly generated codes carry a check. */
export const carriesCheck = (offer: Offer): boolean => {
  const p = offer.offlinePolicy;
  const m = offer.codeGeneration.method;
  return (
    p.mode !== 'ONLINE_ONLY' &&
    p.verifiedCodes &&
    (m === 'UNIQUE_AUTO' || m === 'RANDOMIZED_COMMON')
  );
};

/** The characters a generated code of the offer is made of (its check uses the same). */
const alphabetOf = (offer: Offer): string | null => {
  const g = offer.codeGeneration;
  if (g.method === 'UNIQUE_AUTO') return resolveCharset(g.charset, g.customCharset);
  if (g.method === 'RANDOMIZED_COMMON') {
    const shape = analyzeSample(g.sample);
    return shape.ok ? shape.value.alphabet : null;
  }
  return null;
};

/**
 * What a check signs: the offer, the code without its check and, where only the recipient may
 * redeem, the recipient (so a code shown by someone else fails the check).
 */
const subjectOf = (offer: Offer, body: string, customerId: string | null): CheckSubject => ({
  series: `offer:${offer.id}`,
  item: body,
  ...(customerId !== null && !allowsAnyone(offer) ? { customer: customerId } : {}),
});

const checkers = new Map<string, Promise<KeyedChecker>>();

/**
 * The offer's checker, from its series key. An offer made before it opted in may have no key
 * yet: the hub (or a till with no hub) makes one; a till that follows a hub never does, since
 * the hub's key would overwrite it with the next pull and its codes would stop checking.
 */
const checkerOf = async (
  sql: SqlPort,
  offer: Offer,
  create: boolean,
): Promise<KeyedChecker | null> => {
  const alphabet = alphabetOf(offer);
  if (alphabet === null) return null;
  let key = await loadSeriesKey(sql, offer.id);
  if (key === null && create) {
    const following = await sql.query<{ hub_url: string | null }>(
      'SELECT hub_url FROM till_sync_state WHERE id = 1',
    );
    if (!following[0]?.hub_url) {
      await sql.query(
        "UPDATE offers SET series_key = decode($2, 'hex') WHERE id = $1 AND series_key IS NULL",
        [offer.id, newSeriesKeyHex()],
      );
      key = await loadSeriesKey(sql, offer.id);
    }
  }
  if (key === null) return null;
  const cacheKey = `${offer.id}\u0000${toHex(key)}\u0000${alphabet}`;
  let checker = checkers.get(cacheKey);
  if (!checker) {
    if (checkers.size > 1000) checkers.clear();
    checker = createKeyedChecker(key, checkFormatFor(alphabet));
    checkers.set(cacheKey, checker);
  }
  return checker;
};

/**
 * The offer's freshly generated codes with their checks appended (unchanged when the offer
 * does not opt in). `customerIds[i]` is code i's recipient, when known.
 */
export async function withOfflineChecks(
  sql: SqlPort,
  offer: Offer,
  codes: readonly string[],
  customerIds: readonly (string | null)[] = [],
): Promise<string[]> {
  if (!carriesCheck(offer) || codes.length === 0) return [...codes];
  const checker = await checkerOf(sql, offer, true);
  if (checker === null) return [...codes];
  return Promise.all(
    codes.map(
      async (code, i) =>
        code + (await checker.check(subjectOf(offer, code, customerIds[i] ?? null))),
    ),
  );
}

/** Why a code could not be proved a code of the offer. */
export type CheckVerdict =
  | { ok: true; body: string; customerBound: boolean }
  | { ok: false; why: 'SHAPE' | 'NO_KEY' | 'NEEDS_CUSTOMER' | 'CHECK' };

const shapeFits = async (
  sql: SqlPort,
  offer: Offer,
  code: string,
  body: string,
): Promise<boolean> => {
  const g = offer.codeGeneration;
  const alphabet = alphabetOf(offer) ?? '';
  if (g.method === 'UNIQUE_AUTO') {
    const prefix = normalizeCode(g.prefix);
    const suffix = normalizeCode(g.suffix);
    if (body.length !== prefix.length + g.length + suffix.length) return false;
    if (!body.startsWith(prefix) || !body.endsWith(suffix)) return false;
    const middle = body.slice(prefix.length, body.length - suffix.length);
    return [...middle].every((ch) => alphabet.includes(ch));
  }
  if (g.method === 'RANDOMIZED_COMMON') {
    if (offer.fixedPart === null || !body.startsWith(offer.fixedPart)) return false;
    if (body.length !== normalizeCode(g.sample).length) return false;
    return (await randomizedSeriesOf(sql, offer)).indexOf(body) !== null;
  }
  return code.length < 0;
};

/**
 * Whether `code` (normalized) is, by its check, a code the hub generated for this offer — for
 * `customerId` where only the recipient may redeem. Reads only the offer's key: no coupon row.
 */
export async function verifyOfflineCheck(
  sql: SqlPort,
  offer: Offer,
  code: string,
  customerId: string | null,
): Promise<CheckVerdict> {
  const alphabet = alphabetOf(offer);
  if (alphabet === null) return { ok: false, why: 'SHAPE' };
  const { length } = checkFormatFor(alphabet);
  const body = code.slice(0, code.length - length);
  if (code.length <= length || !(await shapeFits(sql, offer, code, body))) {
    return { ok: false, why: 'SHAPE' };
  }
  const checker = await checkerOf(sql, offer, false);
  if (checker === null) return { ok: false, why: 'NO_KEY' };
  const check = code.slice(body.length);
  // The check bound the recipient when only the recipient could redeem at issue; the setting
  // may have changed since, so both forms are tried where the customer is known.
  if (customerId !== null) {
    const bound: CheckSubject = { series: `offer:${offer.id}`, item: body, customer: customerId };
    if (await checker.verify(bound, check)) return { ok: true, body, customerBound: true };
  }
  if (await checker.verify({ series: `offer:${offer.id}`, item: body }, check)) {
    return { ok: true, body, customerBound: false };
  }
  if (customerId === null && !allowsAnyone(offer)) return { ok: false, why: 'NEEDS_CUSTOMER' };
  return { ok: false, why: 'CHECK' };
}
