import type { OfferConfig } from '../domain/offer';
import { reason, type Reason } from '../domain/reasons';
import { firstNonGsm } from './gsm';
import { tagList, unknownTags } from './template';

/**
 * The notification settings' rules the schema cannot express, checked when an offer is saved
 * so that a mistake is shown to the person editing it, not discovered at 10 am on a reminder
 * day. Each reason names the field and the fix.
 */
function templateReasons(
  template: string,
  field: string,
  what: string,
  sms: { allowUnicode: boolean } | null,
): Reason[] {
  const reasons: Reason[] = [];
  const unknown = unknownTags(template);
  if (unknown.length > 0) {
    const list = unknown.map((t) => `{${t}}`).join(', ');
    reasons.push(
      reason(
        'UNKNOWN_TEMPLATE_TAG',
        `${what} uses ${list}, which is not a tag; use ${tagList()}`,
        field,
      ),
    );
  }
  if (sms !== null && !sms.allowUnicode) {
    const bad = firstNonGsm(template);
    if (bad !== null) {
      reasons.push(
        reason(
          'NON_GSM_CHARACTER',
          `${what} has ${JSON.stringify(bad.char)} at position ${bad.index + 1}, which a plain SMS cannot carry; replace it (e.g. \u20b9 with Rs.) or tick "Allow Unicode"`,
          field,
        ),
      );
    }
  }
  return reasons;
}

export function checkNotificationConfig(config: OfferConfig): Reason[] {
  const iss = config.issuance;
  const reasons: Reason[] = [];
  iss.expiryReminders.forEach((r, i) => {
    const what = `Expiry reminder ${i + 1} (${r.channel}, ${r.daysBefore} day(s) before)`;
    reasons.push(
      ...templateReasons(
        r.template,
        `issuance.expiryReminders.${i}.template`,
        what,
        r.channel === 'SMS' ? { allowUnicode: r.allowUnicode } : null,
      ),
    );
  });
  if (iss.resendSms.enabled) {
    if (iss.resendSms.content.trim() === '') {
      reasons.push(
        reason(
          'INVALID_FIELD',
          'Resending by SMS is enabled but its text is empty; write the message (e.g. "Your code {code} is valid till {expiry_date}")',
          'issuance.resendSms.content',
        ),
      );
    } else {
      reasons.push(
        ...templateReasons(iss.resendSms.content, 'issuance.resendSms.content', 'The resend SMS', {
          allowUnicode: iss.resendSms.allowUnicode,
        }),
      );
    }
  }
  const oer = iss.offerExpiryReminder;
  if (oer.enabled && oer.contactIds.length === 0 && oer.pocEmails.length === 0) {
    reasons.push(
      reason(
        'INVALID_FIELD',
        'The offer expiry reminder is enabled but has no point of contact to send to; choose at least one',
        'issuance.offerExpiryReminder.contactIds',
      ),
    );
  }
  if (iss.notifyThreshold !== null && iss.totalLimit === null) {
    reasons.push(
      reason(
        'INVALID_FIELD',
        'An issual limit alert needs a total issual limit; set the limit or clear the alert',
        'issuance.notifyThreshold',
      ),
    );
  }
  return reasons;
}
