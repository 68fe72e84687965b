import type { z } from 'zod';
import {
  emailValue,
  externalIdValue,
  mobileValue,
  userIdValue,
  type IdentifierKind,
} from '../domain/customer';
import { fail, ok, reason, type Result } from '../domain/reasons';

const rules: Record<
  IdentifierKind,
  { label: string; schema: z.ZodType<string>; normalise: (s: string) => string }
> = {
  userId: { label: 'user ID', schema: userIdValue, normalise: (s) => s.trim() },
  email: { label: 'email ID', schema: emailValue, normalise: (s) => s.trim().toLowerCase() },
  // People type numbers with spaces and dashes ("98450 12345", "+1 212-555-0100").
  mobile: {
    label: 'mobile number',
    schema: mobileValue,
    normalise: (s) => s.replace(/[\s-]/g, ''),
  },
  externalId: { label: 'external ID', schema: externalIdValue, normalise: (s) => s.trim() },
};

/**
 * Normalises a customer identifier (trim; lower-case email; no spaces or dashes in a mobile)
 * and validates it, with a message naming the value and the fix, as shown in upload issue files:
 * `Invalid email ID "x": email is not a valid address`.
 */
export const validateIdentifier = (kind: IdentifierKind, value: string): Result<string> => {
  const rule = rules[kind];
  const normalised = rule.normalise(value);
  const parsed = rule.schema.safeParse(normalised);
  if (parsed.success) return ok(parsed.data);
  const why = normalised === '' ? 'it is empty' : (parsed.error.issues[0]?.message ?? 'invalid');
  return fail(
    reason('INVALID_IDENTIFIER', `Invalid ${rule.label} "${value.trim()}": ${why}`, kind),
  );
};
