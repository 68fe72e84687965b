import { z } from 'zod';
import { id } from './primitives';

/**
 * Org-level definitions (seed: "incentive settings"): custom metadata fields every offer fills
 * in, and the points of contact an offer's alerts and reminders go to. Defined once for the
 * org by an admin, stored in org_settings and replicated to tills with it.
 */

export const metadataFieldType = z.enum(['TEXT', 'NUMBER', 'DATE', 'YES_NO']);
export type MetadataFieldType = z.infer<typeof metadataFieldType>;

/** The key offers store the value under; never shown on screens, stable across renames. */
export const metadataKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be 1–40 of a–z, 0–9 or _, starting with a letter');

export const metadataField = z.object({
  key: metadataKey,
  name: z.string().trim().min(1, 'is required').max(80),
  type: metadataFieldType,
  required: z.boolean(),
});
export type MetadataField = z.infer<typeof metadataField>;

/** A field as an admin sends it: a new field may leave its key out (made from its name). */
export const metadataFieldInput = metadataField.extend({
  key: metadataKey.optional(),
  required: z.boolean().default(false),
});

export const pointOfContact = z.object({
  id,
  name: z.string().trim().min(1, 'is required').max(120),
  email: z.email(),
});
export type PointOfContact = z.infer<typeof pointOfContact>;

/** A contact as an admin sends it: a new one has no id yet. */
export const pointOfContactInput = pointOfContact.extend({ id: id.optional() });
