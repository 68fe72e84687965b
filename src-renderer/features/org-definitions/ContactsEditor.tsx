import { TextField } from '#renderer/ui/Field';
import { errorAt } from '#renderer/ui/field-errors';
import { useOrgDefinitions, type ContactDef } from './org-definitions-store';
import { ListEditorActions, useListEditor } from './use-list-editor';

type Row = { rowId: string; id: string | undefined; name: string; email: string };

const toRow = (c: ContactDef): Row => ({ rowId: c.id, ...c });

/**
 * Admins: the org's points of contact, picked in offers for issual-limit alerts and offer
 * expiry reminders. Changing an address redirects alerts not yet sent.
 */
export const ContactsEditor = () => {
  const { contacts, saveContacts } = useOrgDefinitions();
  const e = useListEditor(contacts, toRow);
  if (e.rows === null) return <p className="muted">Loading points of contact…</p>;
  const rows = e.rows;
  const save = () =>
    void e.save(() =>
      saveContacts(
        rows.map((r) => ({
          ...(r.id === undefined ? {} : { id: r.id }),
          name: r.name,
          email: r.email,
        })),
      ),
    );
  return (
    <section className="card" aria-labelledby="org-contacts-title">
      <h2 id="org-contacts-title">Points of contact</h2>
      <p className="field__hint">
        People an offer can email when its issual limit runs low or before it expires. Someone
        picked by an offer that has not ended stays on the list until the offer picks someone else.
      </p>
      {rows.length === 0 ? <p className="muted">No points of contact yet.</p> : null}
      {rows.map((r, i) => (
        <fieldset key={r.rowId} className="grid-3 org-definition-row">
          <legend className="visually-hidden">Contact {i + 1}</legend>
          <TextField
            id={`contacts.${i}.name`}
            label={`Contact ${i + 1} name`}
            value={r.name}
            onChange={(name) => e.put(i, { name })}
            error={errorAt(e.errors, `contacts.${i}.name`)}
            required
          />
          <TextField
            id={`contacts.${i}.email`}
            label="Email"
            type="email"
            value={r.email}
            onChange={(email) => e.put(i, { email })}
            error={
              errorAt(e.errors, `contacts.${i}.email`) ?? errorAt(e.errors, `contacts.${i}.id`)
            }
            required
          />
          <div>
            <button type="button" className="button--link" onClick={() => e.remove(i)}>
              Remove contact {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <ListEditorActions
        addLabel="+ Add contact"
        onAdd={() => e.add({ rowId: crypto.randomUUID(), id: undefined, name: '', email: '' })}
        saveLabel="Save contacts"
        onSave={save}
        busy={e.busy}
        error={e.error}
        savedNote={e.saved ? 'Saved.' : null}
      />
    </section>
  );
};
