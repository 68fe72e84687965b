import { useEffect } from 'react';
import { SelectField, TextField } from '#renderer/ui/Field';
import { useOrgDefinitions } from '../org-definitions/org-definitions-store';
import type { SectionProps } from './section-props';

/**
 * The org's custom metadata fields, each as an input of its type (seed: "in the custom
 * metadata fields, enter the values for your coupon"). Values the org's fields do not cover
 * (set through the API, or of a field since removed) are kept and listed.
 */
export const MetadataInputs = ({
  draft,
  set,
  err,
}: Pick<SectionProps, 'draft' | 'set' | 'err'>) => {
  const { fields, ensure } = useOrgDefinitions();
  useEffect(() => {
    void ensure();
  }, [ensure]);
  const put = (key: string, value: string) =>
    set((d) => ({ ...d, metadata: { ...d.metadata, [key]: value } }));
  const defined = new Set(fields?.map((f) => f.key));
  const others = Object.entries(draft.metadata).filter(([k]) => !defined.has(k));
  if (fields === null) return <p className="muted">Loading the org’s metadata fields…</p>;
  return (
    <div className="metadata-inputs">
      <h3>Custom metadata</h3>
      {fields.length === 0 ? (
        <p className="muted">
          The org has no custom metadata fields; an admin adds them under Org definitions.
        </p>
      ) : null}
      <div className="grid-2">
        {fields.map((f) => {
          const id = `metadata.${f.key}`;
          const value = draft.metadata[f.key] ?? '';
          const label = `${f.name}${f.required ? '' : ' (optional)'}`;
          if (f.type === 'YES_NO') {
            return (
              <SelectField
                key={f.key}
                id={id}
                label={label}
                value={value}
                options={[
                  { value: '', label: f.required ? 'Choose…' : 'Not set' },
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
                onChange={(v) => put(f.key, v)}
                error={err(id)}
              />
            );
          }
          return (
            <TextField
              key={f.key}
              id={id}
              label={label}
              value={value}
              type={f.type === 'DATE' ? 'date' : 'text'}
              {...(f.type === 'NUMBER' ? { inputMode: 'decimal' as const } : {})}
              onChange={(v) => put(f.key, v)}
              error={err(id)}
              required={f.required}
            />
          );
        })}
      </div>
      {others.length > 0 ? (
        <p className="field__hint">
          Also stored on this offer, outside the org’s fields:{' '}
          {others.map(([k, v]) => `${k}: ${v}`).join('; ')}.
        </p>
      ) : null}
    </div>
  );
};
