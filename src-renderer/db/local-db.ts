import { Dexie, type EntityTable } from 'dexie';

/** An offer form the person has not saved yet; key 'new' or 'edit:<offerId>'. */
export type DraftRow = { key: string; offerId: string | null; form: unknown; savedAt: string };
/** The till's open basket; one row, key 'open'. */
export type BasketRow = { key: string; basket: unknown; savedAt: string };
/** Something this device did, newest shown first. */
export type ActivityRow = { id?: number; at: string; kind: string; text: string; link?: string };
/** Small device settings such as the till this device is. */
export type SettingRow = { key: string; value: unknown };

/**
 * What the UI itself must not lose across a crash or restart. Everything else comes from the
 * backend; this is only what a person typed and has not yet committed.
 */
export const db = new Dexie('counterfoil-ui') as Dexie & {
  drafts: EntityTable<DraftRow, 'key'>;
  basket: EntityTable<BasketRow, 'key'>;
  activity: EntityTable<ActivityRow, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
};

db.version(1).stores({
  drafts: 'key, savedAt',
  basket: 'key',
  activity: '++id, at',
  settings: 'key',
});

const keepActivity = 200;

/** Records one line of recent activity; older lines beyond the last 200 are dropped. */
export const recordActivity = async (kind: string, text: string, link?: string): Promise<void> => {
  await db.activity.add({ at: new Date().toISOString(), kind, text, link });
  const count = await db.activity.count();
  if (count > keepActivity) {
    const old = await db.activity
      .orderBy('id')
      .limit(count - keepActivity)
      .primaryKeys();
    await db.activity.bulkDelete(old);
  }
};

export const getSetting = async <T>(key: string): Promise<T | undefined> =>
  (await db.settings.get(key))?.value as T | undefined;

export const putSetting = async (key: string, value: unknown): Promise<void> => {
  await db.settings.put({ key, value });
};
