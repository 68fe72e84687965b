import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { pointOfContact, type PointOfContact } from '#shared/domain/org-definitions';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import { nowIso } from '../shared/clock';
import { invalidInput } from '../shared/errors';
import { newId } from '../shared/ids';
import { jsonOf } from '../shared/values';
import { loadOrgList, saveOrgList } from './org-definition-store';

const KEY = 'pointsOfContact';

export const loadContacts = (sql: SqlPort): Promise<PointOfContact[]> =>
  loadOrgList(sql, KEY, pointOfContact);

/** Offers not yet ended that pick any of $2 for an alert or a reminder. */
const pickedBySql = /* sql */ `
  SELECT o.name, o.offer_code,
         COALESCE(o.config #> '{issuance,notifyContactIds}', '[]'::jsonb) AS alert_ids,
         COALESCE(o.config #> '{issuance,offerExpiryReminder,contactIds}', '[]'::jsonb) AS reminder_ids
    FROM offers o
   WHERE (o.ends_at IS NULL OR o.ends_at > $1::timestamptz)
     AND (COALESCE(o.config #> '{issuance,notifyContactIds}', '[]'::jsonb) ?| $2::text[]
          OR COALESCE(o.config #> '{issuance,offerExpiryReminder,contactIds}', '[]'::jsonb) ?| $2::text[])
   ORDER BY o.name
   LIMIT 20`;

/**
 * A contact picked by an offer that has not ended stays on the list: removing them would
 * silently stop that offer's alert or reminder. Each such offer is named with the fix.
 */
async function stillPicked(
  sql: SqlPort,
  removed: readonly PointOfContact[],
  at: string,
): Promise<Reason[]> {
  if (removed.length === 0) return [];
  const rows = await sql.query<{
    name: string;
    offer_code: string;
    alert_ids: unknown;
    reminder_ids: unknown;
  }>(pickedBySql, [at, removed.map((c) => c.id)]);
  return rows.flatMap((row) => {
    const alert = new Set(jsonOf<string[]>(row.alert_ids));
    const reminder = new Set(jsonOf<string[]>(row.reminder_ids));
    return removed.flatMap((c) => {
      const uses = [
        ...(alert.has(c.id) ? ['issual limit alert'] : []),
        ...(reminder.has(c.id) ? ['offer expiry reminder'] : []),
      ];
      return uses.length === 0
        ? []
        : [
            reason(
              'CONTACT_IN_USE',
              `${c.name} (${c.email}) is picked for the ${uses.join(' and ')} of offer "${row.name}" (${row.offer_code}); choose someone else there first, or keep them on the list`,
              'contacts',
            ),
          ];
    });
  });
}

/**
 * Replaces the org's points of contact. A contact sent with its id is kept (name and address
 * may change: pending alerts follow the new address); one without an id is added. Addresses
 * must differ; one picked by an offer that has not ended cannot be removed.
 */
export async function setContacts(
  input: OpParsedInput<'org-contacts-set'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<OpOutput<'org-contacts-set'>> {
  const at = nowIso(ctx);
  return ctx.sql.transaction(async (tx) => {
    const before = await loadContacts(tx);
    const known = new Set(before.map((c) => c.id));
    const reasons: Reason[] = [];
    const emails = new Map<string, number>();
    input.contacts.forEach((c, i) => {
      if (c.id !== undefined && !known.has(c.id)) {
        reasons.push(
          reason(
            'UNKNOWN_CONTACT',
            `Contact ${i + 1}: no point of contact has the id "${c.id}"; leave the id out to add a new one`,
            `contacts.${i}.id`,
          ),
        );
      }
      const folded = c.email.toLowerCase();
      const first = emails.get(folded);
      if (first !== undefined) {
        reasons.push(
          reason(
            'DUPLICATE_CONTACT',
            `Contacts ${first + 1} and ${i + 1} both have the address ${c.email}; list each person once`,
            `contacts.${i}.email`,
          ),
        );
      } else emails.set(folded, i);
    });
    const kept = new Set(input.contacts.flatMap((c) => (c.id === undefined ? [] : [c.id])));
    reasons.push(
      ...(await stillPicked(
        tx,
        before.filter((c) => !kept.has(c.id)),
        at,
      )),
    );
    if (reasons.length > 0) throw invalidInput(reasons);
    const contacts: PointOfContact[] = input.contacts.map((c) => ({
      id: c.id ?? newId(ctx.now().getTime()),
      name: c.name,
      email: c.email,
    }));
    await saveOrgList(tx, KEY, { before, after: contacts }, ctx);
    return { contacts };
  });
}
