import type { OfferConfig } from '../domain/offer';
import type { PointOfContact } from '../domain/org-definitions';

export type AlertKind = 'ISSUAL_LIMIT' | 'OFFER_EXPIRY';

/**
 * Who an offer's issual-limit alert or expiry reminder goes to: the picked points of contact
 * at their current address, then any further addresses given, each address once (compared
 * case-insensitively). A picked contact since removed from the org's list is left out.
 */
export function alertRecipients(
  issuance: Pick<
    OfferConfig['issuance'],
    'notifyContactIds' | 'notifyEmails' | 'offerExpiryReminder'
  >,
  kind: AlertKind,
  contacts: readonly PointOfContact[],
): string[] {
  const [ids, emails] =
    kind === 'ISSUAL_LIMIT'
      ? [issuance.notifyContactIds, issuance.notifyEmails]
      : [issuance.offerExpiryReminder.contactIds, issuance.offerExpiryReminder.pocEmails];
  const byId = new Map(contacts.map((c) => [c.id, c.email]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const email of [...ids.map((i) => byId.get(i)), ...emails]) {
    if (email === undefined || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    out.push(email);
  }
  return out;
}

/** Whether an address (a job's subject, lower-case) is still among the alert's recipients. */
export const isAlertRecipient = (recipients: readonly string[], subject: string): boolean =>
  recipients.some((e) => e.toLowerCase() === subject.toLowerCase());
