import { z } from 'zod';
import { currencyCode, id, instant, orgEntityType } from './primitives';

export const orgEntityInput = z
  .object({
    id,
    type: orgEntityType,
    name: z.string().min(1).max(200),
    /** CONCEPT has no parent; ZONE → CONCEPT; STORE → ZONE; TILL → STORE. */
    parentId: id.nullable().default(null),
    /** IANA zone; required for stores. */
    timeZone: z.string().min(1).nullable().default(null),
    /** Required for stores. */
    currency: currencyCode.nullable().default(null),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'STORE' && (!e.timeZone || !e.currency)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a store needs a time zone and a default currency',
        path: ['timeZone'],
      });
    }
    if (e.type !== 'CONCEPT' && !e.parentId) {
      ctx.addIssue({
        code: 'custom',
        message: `a ${e.type.toLowerCase()} needs a parent`,
        path: ['parentId'],
      });
    }
  });
export type OrgEntityInput = z.input<typeof orgEntityInput>;
export type OrgEntity = z.output<typeof orgEntityInput>;

/** The store context a till operates in, resolved from the org tree. */
export type StoreContext = {
  tillId: string;
  storeId: string;
  zoneId: string | null;
  conceptId: string | null;
  timeZone: string;
  currency: string;
};

export const currencyRate = z.object({
  from: currencyCode,
  to: currencyCode,
  /** Units of `to` per one unit of `from`, decimal string. */
  rate: z.string().regex(/^\d{1,12}(\.\d{1,10})?$/),
  effectiveFrom: instant,
});
export type CurrencyRate = z.infer<typeof currencyRate>;
