import type { SqlPort } from '#shared/sql/port';
import { jsonOf } from '../shared/values';

export type OrgSettings = { timeZone: string; currency: string };

/** Where the org has not said otherwise (the seed's retailer is Indian). */
export const defaultOrgSettings: OrgSettings = { timeZone: 'Asia/Kolkata', currency: 'INR' };

/**
 * The org's time zone (for calendar notions where no store is involved, e.g. an offer's
 * timeline) and default currency, from org_settings keys 'timeZone' and 'currency'.
 */
export async function getOrgSettings(sql: SqlPort): Promise<OrgSettings> {
  const rows = await sql.query<{ key: string; value: unknown }>(
    "SELECT key, value FROM org_settings WHERE key IN ('timeZone', 'currency')",
  );
  const settings = { ...defaultOrgSettings };
  for (const row of rows) {
    const value = jsonOf<unknown>(row.value);
    if (typeof value !== 'string') continue;
    if (row.key === 'timeZone') settings.timeZone = value;
    if (row.key === 'currency') settings.currency = value;
  }
  return settings;
}

export async function setOrgSettings(sql: SqlPort, patch: Partial<OrgSettings>): Promise<void> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await sql.query(
      `INSERT INTO org_settings (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, JSON.stringify(value)],
    );
  }
}
