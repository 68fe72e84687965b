import { identifierKind, type CustomerRef, type IdentifierKind } from '#shared/domain/customer';
import { validateIdentifier } from '#shared/engine/index';

/** What people call each identifier kind, in messages. */
export const identifierLabel: Record<IdentifierKind, string> = {
  userId: 'user ID',
  email: 'email ID',
  mobile: 'mobile number',
  externalId: 'external ID',
};

/**
 * Canonical form of an identifier, so "A@B.com " and "a@b.com" are one customer and a mobile
 * typed with spaces or dashes matches the stored one. The engine's validateIdentifier owns the
 * rules; a value it rejects is only trimmed (it can match nothing stored anyway).
 */
export function normalizeIdentifier(kind: IdentifierKind, raw: string): string {
  const checked = validateIdentifier(kind, raw);
  return checked.ok ? checked.value : raw.trim();
}

export type ParsedRef = { kind: IdentifierKind; value: string } | { kind: 'id'; value: string };

/**
 * A customer reference as a string: "userId:123", "email:a@b.c", "mobile:+91…",
 * "externalId:X", or else the customer id itself. Only the first colon separates, so an
 * external id may contain colons.
 */
export function parseRefString(ref: string): ParsedRef {
  const i = ref.indexOf(':');
  if (i > 0) {
    const kind = identifierKind.safeParse(ref.slice(0, i));
    if (kind.success) return { kind: kind.data, value: ref.slice(i + 1) };
  }
  return { kind: 'id', value: ref.trim() };
}

/** The one identifier of a CustomerRef object. */
export function refEntry(ref: CustomerRef): { kind: IdentifierKind; value: string } {
  if ('userId' in ref) return { kind: 'userId', value: ref.userId };
  if ('email' in ref) return { kind: 'email', value: ref.email };
  if ('mobile' in ref) return { kind: 'mobile', value: ref.mobile };
  return { kind: 'externalId', value: ref.externalId };
}

/** "email:a@b.c": how a ref is shown in messages and accepted back by customers-get. */
export function refToString(ref: CustomerRef | ParsedRef): string {
  const e = 'kind' in ref ? ref : refEntry(ref);
  return e.kind === 'id' ? e.value : `${e.kind}:${e.value}`;
}
