import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { getOrgSettings } from '../org/index';

/**
 * The zone that "end of day" and "days between issuals" are read in when issuing: the till's
 * store when a till issues (docs/architecture.md, "Domain"), otherwise the org's.
 */
export async function issuanceTimeZone(sql: SqlPort, principal: Principal): Promise<string> {
  if (principal.kind === 'device') {
    const rows = await sql.query<{ time_zone: string | null }>(
      'SELECT time_zone FROM org_entities WHERE id = $1',
      [principal.storeId],
    );
    const zone = rows[0]?.time_zone;
    if (zone) return zone;
  }
  return (await getOrgSettings(sql)).timeZone;
}
