import { z } from 'zod';
import { id, instant, nonNegativeInt } from './primitives';

/** Validation of the four identifier kinds; messages are shown to users and in issue CSVs. */
export const userIdValue = z.string().regex(/^\d{1,19}$/, 'user id must be digits only');
export const emailValue = z.email('email is not a valid address');
/** E.164-ish: optional +, 8–15 digits. */
export const mobileValue = z
  .string()
  .regex(/^\+?\d{8,15}$/, 'mobile must be 8–15 digits, optionally starting with +');
export const externalIdValue = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'external id must be 1–64 of letters, digits, _ . : or -');

export const identifierKind = z.enum(['userId', 'email', 'mobile', 'externalId']);
export type IdentifierKind = z.infer<typeof identifierKind>;

/** Exactly one identifier names a customer in a request. */
export const customerRef = z.union([
  z.object({ userId: userIdValue }).strict(),
  z.object({ email: emailValue }).strict(),
  z.object({ mobile: mobileValue }).strict(),
  z.object({ externalId: externalIdValue }).strict(),
]);
export type CustomerRef = z.infer<typeof customerRef>;

export const customerInput = z.object({
  userId: userIdValue.optional(),
  email: emailValue.optional(),
  mobile: mobileValue.optional(),
  externalId: externalIdValue.optional(),
  name: z.string().max(200).default(''),
  registeredAt: instant.optional(),
  // Stored as a PostgreSQL integer.
  transactionCount: nonNegativeInt.max(2_147_483_647).default(0),
  homeStoreId: id.nullable().default(null),
});
export type CustomerInput = z.input<typeof customerInput>;

export const customer = z.object({
  id,
  userId: z.string().nullable(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  externalId: z.string().nullable(),
  name: z.string(),
  registeredAt: instant,
  transactionCount: z.number().int(),
  homeStoreId: z.string().nullable(),
});
export type Customer = z.infer<typeof customer>;

/**
 * A change to a registered customer: only the fields given change. An identifier set to null is
 * removed (at least one must remain); the transaction count is set, not added to.
 */
export const customerPatch = z.object({
  userId: userIdValue.nullable().optional(),
  email: emailValue.nullable().optional(),
  mobile: mobileValue.nullable().optional(),
  externalId: externalIdValue.nullable().optional(),
  name: z.string().max(200).optional(),
  registeredAt: instant.optional(),
  transactionCount: nonNegativeInt.max(2_147_483_647).optional(),
  homeStoreId: id.nullable().optional(),
});
export type CustomerPatch = z.infer<typeof customerPatch>;
