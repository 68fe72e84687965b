import type { HandlerContext } from '#shared/api/handlers';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';

export const backOffice: Principal = {
  kind: 'user',
  userId: 'u-bo',
  username: 'backoffice',
  role: 'back_office',
  storeIds: null,
};

/** A handler context with a settable clock (ms since epoch or ISO). */
export function testContext(sql: SqlPort, at: string | Date = '2025-03-10T06:30:00.000Z') {
  let now = new Date(at);
  const ctx: HandlerContext = { sql, principal: backOffice, now: () => now, host: 'hub' };
  return {
    ctx,
    setNow(next: string | Date) {
      now = new Date(next);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export const DAY = 86_400_000;
