import { useEffect, useState } from 'react';
import { FieldError } from './Field';
import { useOrg } from '../app/org-store';
import type { OrgEntityRef, OrgEntityType } from '#shared/domain/primitives';

const typeLabels: Record<OrgEntityType, string> = {
  TILL: 'Tills',
  STORE: 'Stores',
  ZONE: 'Zones',
  CONCEPT: 'Concepts',
};

/**
 * Chooses tills, stores, zones or concepts from the org tree. A zone matches only offers tagged
 * to the zone itself, not its stores, so the type is chosen explicitly.
 */
export const OrgRefPicker = ({
  id,
  legend,
  value,
  onChange,
  emptyMeans,
  error,
  disabled,
}: {
  id: string;
  legend: string;
  value: readonly OrgEntityRef[];
  onChange: (refs: OrgEntityRef[]) => void;
  emptyMeans: string;
  error?: string | undefined;
  disabled?: boolean;
}) => {
  const { items, ensure } = useOrg();
  const [type, setType] = useState<OrgEntityType>(value[0]?.type ?? 'STORE');
  useEffect(() => {
    void ensure();
  }, [ensure]);
  const options = (items ?? []).filter((e) => e.type === type);
  const has = (entityId: string) => value.some((r) => r.type === type && r.id === entityId);
  const toggle = (entityId: string, on: boolean) =>
    onChange(
      on
        ? [...value, { type, id: entityId }]
        : value.filter((r) => !(r.type === type && r.id === entityId)),
    );
  const nameOf = (r: OrgEntityRef) => items?.find((e) => e.id === r.id)?.name ?? r.id;

  return (
    <fieldset className={`org-picker${error ? ' field--error' : ''}`} disabled={disabled}>
      <legend>{legend}</legend>
      <p className="field__hint">
        {value.length === 0
          ? emptyMeans
          : `Selected: ${value.map((r) => `${nameOf(r)} (${r.type.toLowerCase()})`).join(', ')}`}
      </p>
      <div className="org-picker__types" role="radiogroup" aria-label={`${legend}: level`}>
        {(Object.keys(typeLabels) as OrgEntityType[]).map((t) => (
          <label key={t}>
            <input
              type="radio"
              name={`${id}-type`}
              checked={type === t}
              onChange={() => setType(t)}
            />{' '}
            {typeLabels[t]}
          </label>
        ))}
      </div>
      <div className="org-picker__list">
        {items === null ? <span className="muted">Loading…</span> : null}
        {items && options.length === 0 ? (
          <span className="muted">No {typeLabels[type].toLowerCase()} defined.</span>
        ) : null}
        {options.map((e) => (
          <label key={e.id}>
            <input
              type="checkbox"
              checked={has(e.id)}
              onChange={(ev) => toggle(e.id, ev.target.checked)}
            />{' '}
            {e.name} <span className="muted">({e.id})</span>
          </label>
        ))}
      </div>
      {value.length > 0 ? (
        <button type="button" className="button--link" onClick={() => onChange([])}>
          Clear selection
        </button>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
};
