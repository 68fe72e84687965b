import { create } from 'zustand';
import { send } from '#renderer/api/client';
import type { OpInput, OpOutput } from '#shared/api/operations';

export type MetadataFieldDef = OpOutput<'org-metadata-fields-list'>['fields'][number];
export type ContactDef = OpOutput<'org-contacts-list'>['contacts'][number];

type OrgDefinitionsState = {
  fields: MetadataFieldDef[] | null;
  contacts: ContactDef[] | null;
  error: unknown;
  /** Loads both lists once per session; the offer editor and the admin screen call this. */
  ensure: () => Promise<void>;
  reload: () => Promise<void>;
  /** Each answers the list as stored. */
  saveFields: (fields: OpInput<'org-metadata-fields-set'>['fields']) => Promise<MetadataFieldDef[]>;
  saveContacts: (contacts: OpInput<'org-contacts-set'>['contacts']) => Promise<ContactDef[]>;
};

export const useOrgDefinitions = create<OrgDefinitionsState>()((set, get) => ({
  fields: null,
  contacts: null,
  error: null,
  ensure: async () => {
    if (get().fields === null || get().contacts === null) await get().reload();
  },
  reload: async () => {
    try {
      const [f, c] = await Promise.all([
        send('org-metadata-fields-list', {}),
        send('org-contacts-list', {}),
      ]);
      set({ fields: f.fields, contacts: c.contacts, error: null });
    } catch (e) {
      set({ error: e });
    }
  },
  // Errors are thrown to the screen that saved, which shows them at their fields.
  saveFields: async (fields) => {
    const r = await send('org-metadata-fields-set', { fields });
    set({ fields: r.fields });
    return r.fields;
  },
  saveContacts: async (contacts) => {
    const r = await send('org-contacts-set', { contacts });
    set({ contacts: r.contacts });
    return r.contacts;
  },
}));

/** "Priya Nair <priya@brand.example>"; an id no longer on the list says so. */
export const contactLabel = (contacts: readonly ContactDef[] | null, id: string): string => {
  const c = contacts?.find((x) => x.id === id);
  return c ? `${c.name} <${c.email}>` : 'a contact no longer on the org’s list';
};
