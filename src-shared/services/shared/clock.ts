import type { HandlerContext } from '#shared/api/handlers';
import type { Principal } from '#shared/api/roles';

/** The handler clock as an ISO instant (UTC, Z): what every timestamptz parameter receives. */
export const nowIso = (ctx: Pick<HandlerContext, 'now'>): string => ctx.now().toISOString();

/** Who did it, as written to audit_log.actor and created_by columns. */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'user':
      return principal.username;
    case 'device':
      return `till:${principal.tillId}`;
    default:
      return principal.kind;
  }
}
