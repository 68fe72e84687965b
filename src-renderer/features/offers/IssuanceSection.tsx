import { CheckboxField, NumberField, SelectField } from '../../ui/Field';
import { ListField } from '../../ui/ListField';
import { RemindersField } from './RemindersField';
import type { SectionProps } from './section-props';

type Issuance = SectionProps['draft']['issuance'];

/** Advanced: who may receive coupons, how many, and the reminders sent about them. */
export const IssuanceSection = ({ draft, set, err }: SectionProps) => {
  const iss = draft.issuance;
  const put = (patch: Partial<Issuance>) =>
    set((d) => ({ ...d, issuance: { ...d.issuance, ...patch } }));
  const thirdParty = draft.delivery === 'THIRD_PARTY';
  return (
    <fieldset disabled={thirdParty}>
      <legend>Issual &amp; reminders</legend>
      {thirdParty ? (
        <p className="field__locked">Not used: a third party issues these coupons.</p>
      ) : null}
      <ListField
        id="issuance.restrictPastIssualsOfOfferIds"
        label="Restrict based on past issuals (offer ids)"
        value={iss.restrictPastIssualsOfOfferIds}
        onChange={(ids) => put({ restrictPastIssualsOfOfferIds: ids })}
        hint="Customers who received a coupon of any of these offers in the last 6 months get none."
        error={err('issuance.restrictPastIssualsOfOfferIds')}
      />
      <div className="grid-3">
        <NumberField
          id="issuance.maxPerCustomer"
          label="Max issuals per customer"
          min={1}
          value={iss.maxPerCustomer}
          onChange={(maxPerCustomer) => put({ maxPerCustomer })}
          hint="Empty = no limit"
          error={err('issuance.maxPerCustomer')}
        />
        <NumberField
          id="issuance.minGapDays"
          label="Min gap between issuals (days)"
          min={0}
          value={iss.minGapDays}
          onChange={(minGapDays) => put({ minGapDays })}
          hint="Empty = no gap"
          error={err('issuance.minGapDays')}
        />
        <SelectField
          id="issuance.onRematch"
          label="If a customer matches again"
          value={iss.onRematch}
          options={[
            { value: 'SEND_NOTHING', label: 'Do not send any coupon' },
            { value: 'SEND_EXISTING', label: 'Send the existing valid coupon' },
          ]}
          onChange={(onRematch) => put({ onRematch })}
        />
        <NumberField
          id="issuance.totalLimit"
          label="Limit total issuals from the offer"
          min={1}
          value={iss.totalLimit}
          onChange={(totalLimit) => put({ totalLimit })}
          hint="Empty = no limit"
          error={err('issuance.totalLimit')}
        />
        <NumberField
          id="issuance.notifyThreshold"
          label="Notify when this many remain"
          min={0}
          value={iss.notifyThreshold}
          onChange={(notifyThreshold) => put({ notifyThreshold })}
          error={err('issuance.notifyThreshold')}
        />
      </div>
      <ListField
        id="issuance.notifyEmails"
        label="Notify these people (email)"
        value={iss.notifyEmails}
        onChange={(notifyEmails) => put({ notifyEmails })}
        error={err('issuance.notifyEmails')}
      />
      <CheckboxField
        id="issuance.resendSms.enabled"
        label="SMS content for resending the coupon"
        checked={iss.resendSms.enabled}
        onChange={(enabled) => put({ resendSms: { ...iss.resendSms, enabled } })}
      />
      {iss.resendSms.enabled ? (
        <div className="field">
          <label htmlFor="issuance.resendSms.content">Resend SMS text</label>
          <textarea
            id="issuance.resendSms.content"
            rows={2}
            value={iss.resendSms.content}
            onChange={(e) => put({ resendSms: { ...iss.resendSms, content: e.target.value } })}
          />
          <CheckboxField
            id="issuance.resendSms.allowUnicode"
            label="Allow Unicode characters"
            checked={iss.resendSms.allowUnicode}
            onChange={(allowUnicode) => put({ resendSms: { ...iss.resendSms, allowUnicode } })}
          />
        </div>
      ) : null}
      <RemindersField
        value={iss.expiryReminders}
        onChange={(expiryReminders) => put({ expiryReminders })}
        err={err}
      />
      <CheckboxField
        id="issuance.offerExpiryReminder.enabled"
        label="Remind the brand’s contacts before the offer expires"
        checked={iss.offerExpiryReminder.enabled}
        onChange={(enabled) =>
          put({ offerExpiryReminder: { ...iss.offerExpiryReminder, enabled } })
        }
      />
      {iss.offerExpiryReminder.enabled ? (
        <div className="grid-2">
          <ListField
            id="issuance.offerExpiryReminder.pocEmails"
            label="Contacts (email)"
            value={iss.offerExpiryReminder.pocEmails}
            onChange={(pocEmails) =>
              put({ offerExpiryReminder: { ...iss.offerExpiryReminder, pocEmails } })
            }
            error={err('issuance.offerExpiryReminder.pocEmails')}
          />
          <NumberField
            id="issuance.offerExpiryReminder.daysBefore"
            label="Days before expiry"
            min={0}
            value={iss.offerExpiryReminder.daysBefore}
            onChange={(n) =>
              put({ offerExpiryReminder: { ...iss.offerExpiryReminder, daysBefore: n ?? 0 } })
            }
            error={err('issuance.offerExpiryReminder.daysBefore')}
          />
        </div>
      ) : null}
    </fieldset>
  );
};
