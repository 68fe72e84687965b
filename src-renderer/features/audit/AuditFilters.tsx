import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '#renderer/ui/Field';
import { auditEntityTypes, type AuditFilterForm } from './audit-filter';
import { zoneLabel } from '#renderer/lib/time-format';

type Props = {
  initial: AuditFilterForm;
  /** The zone the days are read in, named next to them. */
  zone: string;
  busy: boolean;
  onApply: (form: AuditFilterForm) => void;
};

/** Entity, actor and day-range filters; applied together, from the newest entry. */
export const AuditFilters = ({ initial, zone, busy, onApply }: Props) => {
  const [form, setForm] = useState<AuditFilterForm>(initial);
  const set = (patch: Partial<AuditFilterForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(form);
  };
  const dayError = form.fromDay && form.toDay && form.toDay < form.fromDay;
  return (
    <form className="filters audit-filters" role="search" onSubmit={submit}>
      <SelectField
        id="audit-entity-type"
        label="Entity type"
        value={form.entityType}
        options={[
          { value: '', label: 'Any' },
          ...auditEntityTypes.map((t) => ({ value: t as string, label: t.replace('_', ' ') })),
        ]}
        onChange={(v) => set({ entityType: v })}
      />
      <TextField
        id="audit-entity-id"
        label="Entity id"
        value={form.entityId}
        onChange={(v) => set({ entityId: v })}
      />
      <TextField
        id="audit-actor"
        label="Actor"
        value={form.actor}
        hint="Username, till:<id> or system"
        onChange={(v) => set({ actor: v })}
      />
      <TextField
        id="audit-from"
        label={`From day (${zoneLabel(new Date().toISOString(), zone)})`}
        type="date"
        value={form.fromDay}
        hint={`Days on the org’s calendar (${zone})`}
        onChange={(v) => set({ fromDay: v })}
      />
      <TextField
        id="audit-to"
        label={`To day, included (${zoneLabel(new Date().toISOString(), zone)})`}
        type="date"
        value={form.toDay}
        error={dayError ? 'must not be before the from day' : undefined}
        onChange={(v) => set({ toDay: v })}
      />
      <div className="actions">
        <button type="submit" className="button--primary" disabled={busy || Boolean(dayError)}>
          Apply
        </button>
      </div>
    </form>
  );
};
