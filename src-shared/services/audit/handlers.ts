import type { HandlerGroup } from '#shared/api/handlers';
import { listAudit } from './audit-list';

/** The audit trail (read only: entries are written by the services that make the changes). */
export const auditHandlers: HandlerGroup<'audit-list'> = {
  'audit-list': (input, ctx) => listAudit(input, ctx),
};
