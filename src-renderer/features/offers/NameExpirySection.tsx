import { SelectField, TextField } from '#renderer/ui/Field';
import { formatInstant, fromZonedInput, toZonedInput, zoneLabel } from '#renderer/lib/time-format';
import { MetadataInputs } from './MetadataInputs';
import { lockedInEdit } from './offer-form-model';
import type { SectionProps } from './section-props';

/** Section 1: name, codes that identify the offer, metadata and the offer's expiry. */
export const NameExpirySection = ({ draft, set, err, editing, zone }: SectionProps) => {
  const expiry = draft.expiry;
  const at = expiry.endsAt ?? new Date().toISOString();
  const tz = zoneLabel(at, zone);
  return (
    <fieldset>
      <legend>1. Offer name &amp; expiry</legend>
      <TextField
        id="name"
        label="Offer name"
        value={draft.name}
        onChange={(name) => set((d) => ({ ...d, name }))}
        error={err('name')}
        required
      />
      <div className="grid-2">
        <TextField
          id="offerCode"
          label="Offer code (series code)"
          value={draft.offerCode ?? ''}
          onChange={(v) => set((d) => ({ ...d, offerCode: v.toUpperCase() }))}
          error={err('offerCode')}
          hint="Generated if left empty; you can change it later."
        />
        <TextField
          id="posIdentifier"
          label="Point-of-sale identifier"
          value={draft.posIdentifier}
          onChange={(posIdentifier) => set((d) => ({ ...d, posIdentifier }))}
          error={err('posIdentifier')}
        />
      </div>
      <div className="grid-2">
        <SelectField
          id="expiry.type"
          label="Offer expires"
          value={expiry.type}
          options={[
            { value: 'FIXED_DATE', label: 'On a fixed date' },
            { value: 'WITH_CAMPAIGN', label: 'Along with the campaign' },
          ]}
          onChange={(type) =>
            set((d) => ({
              ...d,
              expiry:
                type === 'FIXED_DATE'
                  ? { type, endsAt: d.expiry.endsAt ?? at }
                  : { type, endsAt: d.expiry.endsAt },
            }))
          }
          lockedNote={editing ? lockedInEdit['expiry.type'] : undefined}
          error={err('expiry.type')}
        />
        <TextField
          id="expiry.endsAt"
          label={`${expiry.type === 'FIXED_DATE' ? 'Expiry date and time' : 'Campaign end (if known)'} (${tz})`}
          type="datetime-local"
          value={toZonedInput(expiry.endsAt, zone)}
          onChange={(v) =>
            set((d) => ({
              ...d,
              expiry:
                d.expiry.type === 'FIXED_DATE'
                  ? { type: 'FIXED_DATE', endsAt: fromZonedInput(v, zone) ?? '' }
                  : { type: 'WITH_CAMPAIGN', endsAt: fromZonedInput(v, zone) },
            }))
          }
          error={err('expiry.endsAt') ?? err('expiry')}
          hint={
            <>
              On the org’s clock ({zone}), whatever this computer’s zone is
              {expiry.endsAt ? (
                <>
                  : <span data-testid="expiry-reads">{formatInstant(expiry.endsAt, zone)}</span>
                </>
              ) : null}
              .
            </>
          }
        />
      </div>
      <MetadataInputs draft={draft} set={set} err={err} />
    </fieldset>
  );
};
