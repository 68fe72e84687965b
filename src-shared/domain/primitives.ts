import { z } from 'zod';

/** Money travels as a decimal string ("12.50"): never a binary float. */
export const decimalString = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'must be a decimal number such as 12.50');
export const moneyString = decimalString.refine((s) => !s.startsWith('-'), 'must not be negative');
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as INR');
/** PostgreSQL has no year 0 and takes UTC offsets up to ±15:59; past that a cast fails (a 500). */
const storableYear = (text: string): boolean =>
  !/^\d{4}-/.test(text) || text.slice(0, 4) !== '0000';
const storableOffset = (text: string): boolean =>
  Number(/[+-](\d\d):?\d\d$/.exec(text)?.[1] ?? 0) <= 15;
/** An instant, ISO-8601 with offset or Z. */
export const instant = z.iso
  .datetime({ offset: true })
  .refine(storableYear, 'must be in year 0001 or later')
  .refine(storableOffset, 'must have a UTC offset of at most ±15:59');
/** A calendar date, YYYY-MM-DD, read in the store's (or org's) time zone. */
export const localDate = z.iso.date().refine(storableYear, 'must be in year 0001 or later');
/** A wall-clock time of day, HH:mm, read in the store's time zone. */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (24-hour)');
export const id = z.string().min(1).max(64);
export const positiveInt = z.number().int().positive();
export const nonNegativeInt = z.number().int().nonnegative();

export const orgEntityType = z.enum(['CONCEPT', 'ZONE', 'STORE', 'TILL']);
export type OrgEntityType = z.infer<typeof orgEntityType>;
export const orgEntityRef = z.object({ type: orgEntityType, id });
export type OrgEntityRef = z.infer<typeof orgEntityRef>;
