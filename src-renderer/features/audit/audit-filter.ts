import { dayStartIn } from '#renderer/lib/time-format';
import type { OpInput } from '#shared/api/operations';

/** What the filter form holds: text as typed, days as YYYY-MM-DD (empty = no bound). */
export type AuditFilterForm = {
  entityType: string;
  entityId: string;
  actor: string;
  fromDay: string;
  toDay: string;
};

export type AuditQuery = Omit<OpInput<'audit-list'>, 'cursor' | 'limit'>;

export const emptyAuditFilter: AuditFilterForm = {
  entityType: '',
  entityId: '',
  actor: '',
  fromDay: '',
  toDay: '',
};

/** The entity types the services write (see src-shared/services/** audit calls). */
export const auditEntityTypes = [
  'offer',
  'coupon',
  'customer',
  'reconciliation_item',
  'concept',
  'zone',
  'store',
  'till',
  'currency_rates',
] as const;

/**
 * Form → query. Days are calendar days in the org's zone (audit entries belong to no store):
 * "from" starts at that day's first instant, "to" includes the whole day, so it ends at the
 * next day's start (the API's bound is exclusive). Luxon finds those instants across DST.
 */
export function auditQueryOf(form: AuditFilterForm, zone: string): AuditQuery {
  const dayStart = (day: string, plusDays: number): string | undefined =>
    day ? (dayStartIn(zone, day, plusDays) ?? undefined) : undefined;
  const text = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());
  const query: AuditQuery = {};
  const entityType = text(form.entityType);
  const entityId = text(form.entityId);
  const actor = text(form.actor);
  const from = dayStart(form.fromDay, 0);
  const to = dayStart(form.toDay, 1);
  if (entityType) query.entityType = entityType;
  if (entityId) query.entityId = entityId;
  if (actor) query.actor = actor;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

/** A filter from a link (#/audit?entityType=offer&entityId=…): only the known keys. */
export function auditFormFromParams(params: URLSearchParams): AuditFilterForm {
  return {
    entityType: params.get('entityType') ?? '',
    entityId: params.get('entityId') ?? '',
    actor: params.get('actor') ?? '',
    fromDay: params.get('from') ?? '',
    toDay: params.get('to') ?? '',
  };
}
