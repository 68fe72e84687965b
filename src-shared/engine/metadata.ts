import { DateTime } from 'luxon';
import type { MetadataField, MetadataFieldType } from '../domain/org-definitions';
import { reason, type Reason } from '../domain/reasons';

const typeRules: Record<
  Exclude<MetadataFieldType, 'TEXT'>,
  { ok: (v: string) => boolean; want: string }
> = {
  NUMBER: { ok: (v) => /^-?\d{1,15}(\.\d{1,6})?$/.test(v), want: 'a number such as 1500 or 12.5' },
  DATE: {
    ok: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v, { zone: 'utc' }).isValid,
    want: 'a date such as 2025-10-20',
  },
  YES_NO: { ok: (v) => v === 'yes' || v === 'no', want: '"yes" or "no"' },
};

/**
 * An offer's custom metadata against the org's fields: every required field filled in, every
 * value of its field's type. Keys the org does not define (set through the API, or left by a
 * field since removed) are kept as given. Blank values count as not filled in.
 */
export function checkMetadata(
  metadata: Readonly<Record<string, string>>,
  fields: readonly MetadataField[],
): Reason[] {
  const reasons: Reason[] = [];
  for (const f of fields) {
    const value = (metadata[f.key] ?? '').trim();
    const path = `metadata.${f.key}`;
    if (value === '') {
      if (f.required) {
        reasons.push(
          reason('METADATA_REQUIRED', `"${f.name}" is required for every offer; fill it in`, path),
        );
      }
      continue;
    }
    if (f.type === 'TEXT') continue;
    const rule = typeRules[f.type];
    if (!rule.ok(value)) {
      reasons.push(
        reason(
          'METADATA_WRONG_TYPE',
          `"${f.name}" must be ${rule.want}; got ${JSON.stringify(value)}`,
          path,
        ),
      );
    }
  }
  return reasons;
}
