import { OFFER_REMINDER_TIME } from '#shared/notifications/schedule';
import { CheckboxField, NumberField } from '#renderer/ui/Field';
import { ContactPicker } from '../org-definitions/ContactPicker';
import { MessageTemplateField } from './MessageTemplateField';
import { sampleValues, tagMeanings, templateTags } from './message-preview';
import { RemindersField } from './RemindersField';
import type { SectionProps } from './section-props';

type Issuance = SectionProps['draft']['issuance'];

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/**
 * Advanced: the messages the hub sends for this offer — coupon expiry reminders, the offer
 * expiry reminder to the brand's contacts, and the SMS used to resend a coupon. Every text
 * shows live what it would look like and whether it fits a plain SMS.
 */
export const NotificationsSection = ({ draft, set, err }: SectionProps) => {
  const iss = draft.issuance;
  const put = (patch: Partial<Issuance>) =>
    set((d) => ({ ...d, issuance: { ...d.issuance, ...patch } }));
  const thirdParty = draft.delivery === 'THIRD_PARTY';
  const values = sampleValues(draft, new Date());
  const oer = iss.offerExpiryReminder;
  return (
    <fieldset className="notifications">
      <legend>Reminders &amp; messages</legend>
      <details className="tag-help">
        <summary>Tags you can use in messages</summary>
        <dl>
          {templateTags.map((t) => (
            <div key={t}>
              <dt>
                <code>{`{${t}}`}</code>
              </dt>
              <dd>{tagMeanings[t]}</dd>
            </div>
          ))}
        </dl>
        <p className="field__hint">
          Anything else in braces is refused when the offer is saved, so a typo never reaches a
          customer.
        </p>
      </details>
      {thirdParty ? (
        <p className="field__locked">
          Not used: a third party issues these coupons and sends their reminders.
        </p>
      ) : (
        <>
          <RemindersField
            value={iss.expiryReminders}
            onChange={(expiryReminders) => put({ expiryReminders })}
            err={err}
            values={values}
          />
          <fieldset>
            <legend>Resend by SMS</legend>
            <CheckboxField
              id="issuance.resendSms.enabled"
              label="SMS content for resending the coupon"
              checked={iss.resendSms.enabled}
              onChange={(enabled) => put({ resendSms: { ...iss.resendSms, enabled } })}
              hint="Member care and store managers can then resend a customer’s active coupon."
              error={err('issuance.resendSms.enabled')}
            />
            {iss.resendSms.enabled ? (
              <>
                <MessageTemplateField
                  id="issuance.resendSms.content"
                  label="Resend SMS text"
                  value={iss.resendSms.content}
                  onChange={(content) => put({ resendSms: { ...iss.resendSms, content } })}
                  channel="SMS"
                  allowUnicode={iss.resendSms.allowUnicode}
                  values={values}
                  error={err('issuance.resendSms.content')}
                />
                <CheckboxField
                  id="issuance.resendSms.allowUnicode"
                  label="Allow Unicode"
                  checked={iss.resendSms.allowUnicode}
                  onChange={(allowUnicode) =>
                    put({ resendSms: { ...iss.resendSms, allowUnicode } })
                  }
                  hint="70 characters a part instead of 160"
                />
              </>
            ) : null}
          </fieldset>
        </>
      )}
      <fieldset>
        <legend>Offer expiry reminder</legend>
        <CheckboxField
          id="issuance.offerExpiryReminder.enabled"
          label="Email the brand’s contacts before the offer expires"
          checked={oer.enabled}
          onChange={(enabled) => put({ offerExpiryReminder: { ...oer, enabled } })}
        />
        {oer.enabled ? (
          <>
            <div className="grid-2">
              <ContactPicker
                id="issuance.offerExpiryReminder.contactIds"
                legend="Points of contact to email"
                value={oer.contactIds}
                onChange={(contactIds) => put({ offerExpiryReminder: { ...oer, contactIds } })}
                extraEmails={oer.pocEmails}
                onExtraEmailsChange={(pocEmails) =>
                  put({ offerExpiryReminder: { ...oer, pocEmails } })
                }
                error={
                  err('issuance.offerExpiryReminder.contactIds') ??
                  err('issuance.offerExpiryReminder.pocEmails')
                }
              />
              <NumberField
                id="issuance.offerExpiryReminder.daysBefore"
                label="Days before the offer ends"
                min={0}
                value={oer.daysBefore}
                onChange={(n) => put({ offerExpiryReminder: { ...oer, daysBefore: n ?? 0 } })}
                error={err('issuance.offerExpiryReminder.daysBefore')}
              />
            </div>
            <p className="field__hint" data-testid="offer-expiry-when">
              Sent at {OFFER_REMINDER_TIME} org time, {days(oer.daysBefore)} before the offer ends,
              with the issued and redeemed counts.
              {draft.expiry.endsAt ? null : ' The offer has no end date yet, so none is sent.'}
            </p>
          </>
        ) : null}
      </fieldset>
    </fieldset>
  );
};
