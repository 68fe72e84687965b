import { SelectField } from '#renderer/ui/Field';
import { ContactPicker } from '../org-definitions/ContactPicker';
import { LimitField } from './LimitField';
import { PastIssualPicker } from './PastIssualPicker';
import type { SectionProps } from './section-props';

type Issuance = SectionProps['draft']['issuance'];

/**
 * Advanced: who may receive coupons and how many, and the alert to the brand's contacts when
 * the coupons still issuable run low. Reminders and messages: NotificationsSection.
 */
export const IssuanceSection = ({ draft, set, err, zone }: SectionProps) => {
  const iss = draft.issuance;
  const put = (patch: Partial<Issuance>) =>
    set((d) => ({ ...d, issuance: { ...d.issuance, ...patch } }));
  const thirdParty = draft.delivery === 'THIRD_PARTY';
  const limit = { draft, set, err, section: 'issuance' } as const;
  return (
    <fieldset disabled={thirdParty}>
      <legend>Issual</legend>
      {thirdParty ? (
        <p className="field__locked">Not used: a third party issues these coupons.</p>
      ) : null}
      <PastIssualPicker
        value={iss.restrictPastIssualsOfOfferIds}
        onChange={(ids) => put({ restrictPastIssualsOfOfferIds: ids })}
        error={err('issuance.restrictPastIssualsOfOfferIds')}
        zone={zone}
      />
      <div className="grid-3">
        <LimitField
          {...limit}
          field="maxPerCustomer"
          label="Max issuals per customer"
          min={1}
          hint="Empty = no limit"
        />
        <LimitField
          {...limit}
          field="minGapDays"
          label="Min gap between issuals (days)"
          min={0}
          hint="Empty = no gap"
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
        <LimitField
          {...limit}
          field="totalLimit"
          label="Limit total issuals from the offer"
          min={1}
          hint="Empty = no limit"
        />
        <LimitField
          {...limit}
          field="notifyThreshold"
          label="Notify when this many remain"
          min={0}
          hint={
            iss.totalLimit === null
              ? 'Needs a total issual limit'
              : iss.notifyThreshold === null
                ? 'Empty = no alert'
                : `Alert when ${iss.notifyThreshold} or fewer of ${iss.totalLimit} are left`
          }
        />
      </div>
      <ContactPicker
        id="issuance.notifyContactIds"
        legend="Issual limit alert: email these points of contact"
        value={iss.notifyContactIds}
        onChange={(notifyContactIds) => put({ notifyContactIds })}
        extraEmails={iss.notifyEmails}
        onExtraEmailsChange={(notifyEmails) => put({ notifyEmails })}
        error={err('issuance.notifyContactIds') ?? err('issuance.notifyEmails')}
      />
    </fieldset>
  );
};
