import {
  emailValue,
  externalIdValue,
  identifierKind,
  mobileValue,
  userIdValue,
  type CustomerRef,
  type IdentifierKind,
} from '../../domain/customer';
import { fail, ok, reason, type Result } from '../../domain/reasons';

const schemas = {
  userId: userIdValue,
  email: emailValue,
  mobile: mobileValue,
  externalId: externalIdValue,
} as const;

/**
 * Canonical form of an identifier, so "A@B.com " and "a@b.com" are one customer and a mobile
 * typed with spaces or dashes matches the stored one. Emails are compared lowercased (the
 * local part is case-insensitive at every mail provider a retailer meets in practice).
 */
export function normalizeIdentifier(kind: IdentifierKind, raw: string): string {
  const v = raw.trim();
  switch (kind) {
    case 'email':
      return v.toLowerCase();
    case 'mobile':
      return v.replace(/[\s().-]/g, '');
    default:
      return v;
  }
}

/** Normalizes then validates one identifier; the failure names the kind and the value. */
export function checkIdentifier(kind: IdentifierKind, raw: string): Result<string> {
  const value = normalizeIdentifier(kind, raw);
  const parsed = schemas[kind].safeParse(value);
  if (parsed.success) return ok(value);
  const message = parsed.error.issues[0]?.message ?? `${kind} is not valid`;
  return fail(reason('INVALID_IDENTIFIER', `${message}: ${JSON.stringify(raw)}`, kind));
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
