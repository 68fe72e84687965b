import { CheckboxField, SelectField, TextField } from '#renderer/ui/Field';
import { errorAt } from '#renderer/ui/field-errors';
import { useOrgDefinitions, type MetadataFieldDef } from './org-definitions-store';
import { ListEditorActions, useListEditor } from './use-list-editor';

type Row = Omit<MetadataFieldDef, 'key'> & { rowId: string; key: string | undefined };

const typeOptions = [
  { value: 'TEXT', label: 'Text' },
  { value: 'NUMBER', label: 'Number' },
  { value: 'DATE', label: 'Date' },
  { value: 'YES_NO', label: 'Yes / no' },
] as const;

const toRow = (f: MetadataFieldDef): Row => ({ rowId: f.key, ...f });

/** Admins: the custom metadata fields every offer fills in (seed: incentive settings). */
export const MetadataFieldsEditor = () => {
  const { fields, saveFields } = useOrgDefinitions();
  const e = useListEditor(fields, toRow);
  if (e.rows === null) return <p className="muted">Loading metadata fields…</p>;
  const rows = e.rows;
  const save = () =>
    void e.save(() =>
      saveFields(
        rows.map((r) => ({
          ...(r.key === undefined ? {} : { key: r.key }),
          name: r.name,
          type: r.type,
          required: r.required,
        })),
      ),
    );
  return (
    <section className="card" aria-labelledby="org-metadata-title">
      <h2 id="org-metadata-title">Custom metadata fields</h2>
      <p className="field__hint">
        Every offer fills these in; a required field must have a value before the offer saves.
        Renaming a field keeps the values offers already hold.
      </p>
      {rows.length === 0 ? <p className="muted">No fields yet.</p> : null}
      {rows.map((r, i) => (
        <fieldset key={r.rowId} className="grid-3 org-definition-row">
          <legend className="visually-hidden">Field {i + 1}</legend>
          <TextField
            id={`fields.${i}.name`}
            label={`Field ${i + 1} name`}
            value={r.name}
            onChange={(name) => e.put(i, { name })}
            error={errorAt(e.errors, `fields.${i}`)}
            required
          />
          <SelectField
            id={`fields.${i}.type`}
            label="Type"
            value={r.type}
            options={typeOptions}
            onChange={(type) => e.put(i, { type })}
          />
          <div>
            <CheckboxField
              id={`fields.${i}.required`}
              label="Required"
              checked={r.required}
              onChange={(required) => e.put(i, { required })}
            />
            <button type="button" className="button--link" onClick={() => e.remove(i)}>
              Remove field {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <ListEditorActions
        addLabel="+ Add field"
        onAdd={() =>
          e.add({
            rowId: crypto.randomUUID(),
            key: undefined,
            name: '',
            type: 'TEXT',
            required: false,
          })
        }
        saveLabel="Save fields"
        onSave={save}
        busy={e.busy}
        error={e.error}
        savedNote={
          e.saved
            ? 'Saved. Offers are checked against these fields when they are next saved.'
            : null
        }
      />
    </section>
  );
};
