import { CheckboxField, NumberField, SelectField, TextField } from '#renderer/ui/Field';
import { lockedInEdit } from './offer-form-model';
import { RandomizedSampleField } from './RandomizedSampleField';
import type { SectionProps } from './section-props';

type Method = SectionProps['draft']['codeGeneration']['method'];

const methods: { value: Method; label: string }[] = [
  { value: 'UNIQUE_AUTO', label: 'Automatically create unique codes' },
  { value: 'COMMON', label: 'Give a common code to all coupons' },
  { value: 'RANDOMIZED_COMMON', label: 'Generate randomized common codes' },
  { value: 'UPLOADED', label: 'Upload existing coupon codes' },
];

const initialFor = (method: Method): SectionProps['draft']['codeGeneration'] => {
  switch (method) {
    case 'UNIQUE_AUTO':
      return {
        method,
        length: 10,
        charset: 'ALPHANUMERIC',
        customCharset: null,
        prefix: '',
        suffix: '',
      };
    case 'COMMON':
      return { method, code: '' };
    case 'RANDOMIZED_COMMON':
      return { method, sample: '' };
    case 'UPLOADED':
      return { method };
  }
};

/** Section 3: delivery, how codes are made, and when a coupon expires. */
export const CouponDetailsSection = ({ draft, set, err, editing }: SectionProps) => {
  const gen = draft.codeGeneration;
  const ce = draft.couponExpiry;
  return (
    <fieldset>
      <legend>3. Coupon details</legend>
      <SelectField
        id="delivery"
        label="How would you issue these coupons to customers?"
        value={draft.delivery}
        options={[
          { value: 'SYSTEM', label: 'Through Counterfoil' },
          { value: 'THIRD_PARTY', label: 'Through a third party' },
        ]}
        onChange={(delivery) =>
          set((d) => ({
            ...d,
            delivery,
            // Third-party coupons are their recipient's only (the checkbox is disabled then).
            ...(delivery === 'THIRD_PARTY'
              ? { redemption: { ...d.redemption, allowAnyone: false, codeLimit: null } }
              : {}),
          }))
        }
        hint={
          draft.delivery === 'THIRD_PARTY'
            ? 'Third-party issuance: issual and reminder settings do not apply, and the coupon cannot be redeemed by anyone other than its recipient.'
            : undefined
        }
      />
      <SelectField
        id="codeGeneration.method"
        label="How to create the coupon codes?"
        value={gen.method}
        options={methods}
        onChange={(m) => set((d) => ({ ...d, codeGeneration: initialFor(m) }))}
        lockedNote={editing ? lockedInEdit['codeGeneration.method'] : undefined}
        error={err('codeGeneration.method')}
      />
      {gen.method === 'UNIQUE_AUTO' ? (
        <div className="grid-3">
          <NumberField
            id="codeGeneration.length"
            label="Code length"
            min={4}
            max={32}
            value={gen.length}
            onChange={(length) =>
              set((d) => ({ ...d, codeGeneration: { ...gen, length: length ?? 0 } }))
            }
            error={err('codeGeneration.length')}
          />
          <SelectField
            id="codeGeneration.charset"
            label="Characters"
            value={gen.charset}
            options={[
              { value: 'ALPHANUMERIC', label: 'Letters and digits' },
              { value: 'NUMERIC', label: 'Digits only' },
              { value: 'CUSTOM', label: 'Custom set' },
            ]}
            onChange={(charset) =>
              set((d) => ({
                ...d,
                codeGeneration: {
                  ...gen,
                  charset,
                  customCharset: charset === 'CUSTOM' ? (gen.customCharset ?? '') : null,
                },
              }))
            }
          />
          {gen.charset === 'CUSTOM' ? (
            <TextField
              id="codeGeneration.customCharset"
              label="Custom characters"
              value={gen.customCharset ?? ''}
              onChange={(v) =>
                set((d) => ({ ...d, codeGeneration: { ...gen, customCharset: v.toUpperCase() } }))
              }
              error={err('codeGeneration.customCharset')}
            />
          ) : (
            <span />
          )}
          <TextField
            id="codeGeneration.prefix"
            label="Prefix"
            value={gen.prefix}
            onChange={(v) =>
              set((d) => ({ ...d, codeGeneration: { ...gen, prefix: v.toUpperCase() } }))
            }
            error={err('codeGeneration.prefix')}
          />
          <TextField
            id="codeGeneration.suffix"
            label="Suffix"
            value={gen.suffix}
            onChange={(v) =>
              set((d) => ({ ...d, codeGeneration: { ...gen, suffix: v.toUpperCase() } }))
            }
            error={err('codeGeneration.suffix')}
          />
        </div>
      ) : null}
      {gen.method === 'COMMON' ? (
        <TextField
          id="codeGeneration.code"
          label="Common code"
          value={gen.code}
          onChange={(v) =>
            set((d) => ({ ...d, codeGeneration: { method: 'COMMON', code: v.toUpperCase() } }))
          }
          error={err('codeGeneration.code')}
          hint="Everyone in the audience gets this same code."
        />
      ) : null}
      {gen.method === 'RANDOMIZED_COMMON' ? (
        <RandomizedSampleField
          value={gen.sample}
          onChange={(sample) =>
            set((d) => ({ ...d, codeGeneration: { method: 'RANDOMIZED_COMMON', sample } }))
          }
          error={err('codeGeneration.sample')}
          lockedNote={editing ? lockedInEdit['codeGeneration.sample'] : undefined}
        />
      ) : null}
      {gen.method === 'UPLOADED' ? (
        <p className="banner banner--info">
          After saving, upload the codes (optionally with their customers) from the offer’s Uploads
          page.
        </p>
      ) : null}
      {gen.method !== 'RANDOMIZED_COMMON' ? (
        <CheckboxField
          id="issuance.specificCustomersOnly"
          label="Issue to specific customers only"
          checked={draft.issuance.specificCustomersOnly}
          onChange={(on) =>
            set((d) => ({ ...d, issuance: { ...d.issuance, specificCustomersOnly: on } }))
          }
          hint="Only customers on the offer’s list can be issued a coupon. After saving, add them one by one on the offer’s page or upload a customer list."
          error={err('issuance.specificCustomersOnly')}
        />
      ) : (
        <p className="muted">Uploading customers is not available for randomized common codes.</p>
      )}
      <div className="grid-2">
        <SelectField
          id="couponExpiry.type"
          label="When would a coupon expire?"
          value={ce.type}
          options={[
            { value: 'WITH_OFFER', label: 'Along with the offer' },
            { value: 'DAYS_FROM_ISSUE', label: 'Days from issual (end of day)' },
            { value: 'MONTH_ENDS_FROM_ISSUE', label: 'Month ends from issual' },
          ]}
          onChange={(type) =>
            set((d) => ({
              ...d,
              couponExpiry:
                type === 'WITH_OFFER'
                  ? { type }
                  : type === 'DAYS_FROM_ISSUE'
                    ? { type, days: 30 }
                    : { type, months: 0 },
            }))
          }
          hint="Never later than the offer’s own end."
          error={
            err('couponExpiry.type') ?? (ce.type === 'WITH_OFFER' ? err('couponExpiry') : undefined)
          }
        />
        {ce.type === 'DAYS_FROM_ISSUE' ? (
          <NumberField
            id="couponExpiry.days"
            label="Days from issual"
            min={0}
            value={ce.days}
            onChange={(days) => set((d) => ({ ...d, couponExpiry: { ...ce, days: days ?? 0 } }))}
            hint="0 = the day of issue, at end of day."
            error={err('couponExpiry.days')}
          />
        ) : null}
        {ce.type === 'MONTH_ENDS_FROM_ISSUE' ? (
          <NumberField
            id="couponExpiry.months"
            label="Month ends from issual"
            min={0}
            value={ce.months}
            onChange={(months) =>
              set((d) => ({ ...d, couponExpiry: { ...ce, months: months ?? 0 } }))
            }
            hint="0 = end of the month of issue."
            error={err('couponExpiry.months')}
          />
        ) : null}
      </div>
    </fieldset>
  );
};
