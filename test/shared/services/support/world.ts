import type { HandlerContext } from '#shared/api/handlers';
import { setOrgSettings } from '#shared/services/org/org-settings';
import type { SqlPort } from '#shared/sql/port';
import { useFreshDb, type Dialect, type TestDb } from '../../../helpers/db';
import { testContext } from './context';
import { buildOrg } from './org-fixture';

/**
 * What a service test works in: a migrated database, a back-office handler context with a
 * settable clock, and (unless `org: false`) the support org of org-fixture.ts.
 */
export type World = {
  db: TestDb;
  sql: SqlPort;
  ctx: HandlerContext;
  setNow: (at: string | Date) => void;
  advance: (ms: number) => void;
};

export type WorldOptions = {
  /** The clock's start; testContext's default otherwise. */
  at?: string;
  /** Build the support org (default true). */
  org?: boolean;
  /** Also set the org's own zone and currency to Asia/Kolkata / INR. */
  orgSettings?: boolean;
};

export async function buildWorld(db: TestDb, options: WorldOptions = {}): Promise<World> {
  const t = testContext(db.sql, options.at);
  if (options.org !== false) await buildOrg(t.ctx);
  if (options.orgSettings === true)
    await setOrgSettings(db.sql, { timeZone: 'Asia/Kolkata', currency: 'INR' });
  return { db, sql: db.sql, ctx: t.ctx, setNow: t.setNow, advance: t.advance };
}

/** A World for the enclosing describe block: built in beforeAll, its database closed after. */
export const useServiceWorld = (dialect: Dialect, options: WorldOptions = {}): World =>
  useFreshDb(dialect, (db) => buildWorld(db, options));
