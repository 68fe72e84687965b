import type { Customer, IdentifierKind } from '#shared/domain/customer';
import type { OpInput } from '#shared/api/operations';
import { dayStartIn, todayIn } from '#renderer/lib/time-format';

/** The customer form as typed: text for each field, so an empty box means "none". */
export type CustomerDraft = Record<IdentifierKind, string> & {
  name: string;
  /** A calendar day in the org's zone ("2025-01-31"). */
  registeredOn: string;
  transactionCount: number | null;
};

const kinds: readonly IdentifierKind[] = ['mobile', 'email', 'userId', 'externalId'];

export const emptyDraft = (zone: string, now: Date = new Date()): CustomerDraft => ({
  mobile: '',
  email: '',
  userId: '',
  externalId: '',
  name: '',
  registeredOn: todayIn(zone, now),
  transactionCount: 0,
});

export const draftOf = (c: Customer, zone: string): CustomerDraft => ({
  mobile: c.mobile ?? '',
  email: c.email ?? '',
  userId: c.userId ?? '',
  externalId: c.externalId ?? '',
  name: c.name,
  registeredOn: todayIn(zone, new Date(c.registeredAt)),
  transactionCount: c.transactionCount,
});

/** A registration: the identifiers given, the day as its start in the org's zone. */
export function registration(d: CustomerDraft, zone: string): OpInput<'customers-create'> {
  const out: OpInput<'customers-create'> = { name: d.name.trim() };
  for (const k of kinds) if (d[k].trim()) out[k] = d[k].trim();
  const at = d.registeredOn ? dayStartIn(zone, d.registeredOn, 0) : null;
  if (at) out.registeredAt = at;
  if (d.transactionCount !== null) out.transactionCount = d.transactionCount;
  return out;
}

/**
 * Only what changed, as customers-update takes it: an identifier emptied is removed (null);
 * the registration day is compared as a day in the org's zone, so an unchanged day keeps the
 * time it was registered at.
 */
export function changesOf(
  before: Customer,
  d: CustomerDraft,
  zone: string,
): Omit<OpInput<'customers-update'>, 'ref'> {
  const out: Omit<OpInput<'customers-update'>, 'ref'> = {};
  for (const k of kinds) {
    const now = d[k].trim();
    if (now !== (before[k] ?? '')) out[k] = now === '' ? null : now;
  }
  if (d.name.trim() !== before.name) out.name = d.name.trim();
  if (d.registeredOn && d.registeredOn !== todayIn(zone, new Date(before.registeredAt))) {
    const at = dayStartIn(zone, d.registeredOn, 0);
    if (at) out.registeredAt = at;
  }
  if (d.transactionCount !== null && d.transactionCount !== before.transactionCount) {
    out.transactionCount = d.transactionCount;
  }
  return out;
}
