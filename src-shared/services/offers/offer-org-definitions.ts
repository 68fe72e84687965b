import type { OfferConfig } from '#shared/domain/offer';
import { reason, type Reason } from '#shared/domain/reasons';
import { checkMetadata } from '#shared/engine/metadata';
import type { SqlPort } from '#shared/sql/port';
import { loadContacts, loadMetadataFields } from '../org/index';

/**
 * An offer against the org's definitions: its custom metadata filled in as the org's fields
 * require, and every picked point of contact on the org's list.
 */
export async function checkOrgDefinitionRefs(sql: SqlPort, config: OfferConfig): Promise<Reason[]> {
  const reasons = checkMetadata(config.metadata, await loadMetadataFields(sql));
  const picked = [
    ['issuance.notifyContactIds', config.issuance.notifyContactIds],
    ['issuance.offerExpiryReminder.contactIds', config.issuance.offerExpiryReminder.contactIds],
  ] as const;
  if (picked.every(([, ids]) => ids.length === 0)) return reasons;
  const known = new Set((await loadContacts(sql)).map((c) => c.id));
  for (const [field, ids] of picked) {
    ids.forEach((id, i) => {
      if (known.has(id)) return;
      reasons.push(
        reason(
          'UNKNOWN_CONTACT',
          `No point of contact has the id "${id}"; choose from the org's points of contact`,
          `${field}.${i}`,
        ),
      );
    });
  }
  return reasons;
}
