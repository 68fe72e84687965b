import { currencyLabel } from '#renderer/lib/money-format';
import { todayIn } from '#renderer/lib/time-format';
import { CheckboxField, NumberField, SelectField, TextField } from '#renderer/ui/Field';
import { billCurrency } from './offer-summary';
import { RedemptionWhenWhere } from './RedemptionWhenWhere';
import { LimitField } from './LimitField';
import { ToggledLimits } from './ToggledLimits';
import type { SectionProps } from './section-props';

type Redemption = SectionProps['draft']['redemption'];
type Start = Redemption['start'];

/** Advanced: who may redeem, how often, from when, and for which bills and customers. */
export const RedemptionSection = (props: SectionProps) => {
  const { draft, set, err, zone } = props;
  const cur = billCurrency(draft.discount);
  const inCurrency = cur ? `(${currencyLabel(cur)})` : '(in the store’s currency)';
  const r = draft.redemption;
  const put = (patch: Partial<Redemption>) =>
    set((d) => ({ ...d, redemption: { ...d.redemption, ...patch } }));
  const thirdParty = draft.delivery === 'THIRD_PARTY';
  const nc = r.newCustomers;
  const limit = { draft, set, err, section: 'redemption' } as const;

  return (
    <fieldset>
      <legend>Redemption</legend>
      <ToggledLimits
        {...limit}
        toggle="allowAnyone"
        label="Coupon can be shared and redeemed by anyone"
        // Left enabled while on, so an offer saved before the rule can be put right.
        disabled={thirdParty}
        hint={
          thirdParty
            ? 'Not available for third-party issued coupons.'
            : 'Not only the recipient: friends and family too. Issue it to at least one customer first.'
        }
        limits={[
          {
            field: 'codeLimit',
            label: 'Coupon code limit',
            min: 1,
            hint: 'Times one code can be redeemed in all. Empty = no limit',
            offHint: 'Equals the customer limit unless anyone may redeem.',
          },
        ]}
      >
        <LimitField
          {...limit}
          field="seriesLimit"
          label="Across customer limit (whole offer)"
          min={1}
          hint="Total redemptions in the offer. Empty = no limit"
        />
      </ToggledLimits>
      <ToggledLimits
        {...limit}
        toggle="moreThanOnce"
        label="Allow a coupon to be redeemed more than once"
        limits={[
          {
            field: 'customerLimit',
            label: 'Max times a customer can redeem a coupon',
            min: 1,
            hint: 'Empty = no limit',
            offHint: 'Once, unless more than once is allowed.',
          },
          {
            field: 'minGapDays',
            label: 'Min days between a customer’s redemptions',
            min: 1,
            hint: 'Empty = no gap',
            offHint: 'Not applicable when redeemed only once.',
          },
        ]}
      />
      <div className="grid-3">
        <SelectField
          id="redemption.start.type"
          label="Redemption can start"
          value={r.start.type}
          options={[
            { value: 'AFTER_ISSUE', label: 'Right after issual' },
            { value: 'DAYS_AFTER_ISSUE', label: 'Days after issual' },
            { value: 'FROM_DATE', label: 'From a specific date' },
          ]}
          onChange={(type) => {
            const start: Start =
              type === 'AFTER_ISSUE'
                ? { type }
                : type === 'DAYS_AFTER_ISSUE'
                  ? { type, days: 1 }
                  : { type, date: todayIn(zone) };
            put({ start });
          }}
        />
        {r.start.type === 'DAYS_AFTER_ISSUE' ? (
          <NumberField
            id="redemption.start.days"
            label="Days after issual"
            min={1}
            value={r.start.days}
            onChange={(days) => put({ start: { type: 'DAYS_AFTER_ISSUE', days: days ?? 1 } })}
            error={err('redemption.start.days')}
          />
        ) : null}
        {r.start.type === 'FROM_DATE' ? (
          <TextField
            id="redemption.start.date"
            label="From date"
            hint="The day starts at midnight in each store’s zone."
            type="date"
            value={r.start.date}
            onChange={(date) => put({ start: { type: 'FROM_DATE', date } })}
            error={err('redemption.start.date')}
          />
        ) : null}
      </div>
      <div className="grid-3">
        <TextField
          id="redemption.minBill"
          label={`Minimum bill amount ${inCurrency}`}
          inputMode="decimal"
          value={r.minBill ?? ''}
          onChange={(v) => put({ minBill: v.trim() ? v.trim() : null })}
          hint="Empty = no minimum"
          error={err('redemption.minBill')}
        />
        <TextField
          id="redemption.maxBill"
          label={`Maximum bill amount ${inCurrency}`}
          inputMode="decimal"
          value={r.maxBill ?? ''}
          onChange={(v) => put({ maxBill: v.trim() ? v.trim() : null })}
          hint="Empty = no maximum"
          error={err('redemption.maxBill')}
        />
      </div>
      <RedemptionWhenWhere {...props} />
      <CheckboxField
        id="redemption.newCustomers.enabled"
        label="Restrict to new customers"
        checked={nc !== null}
        onChange={(on) =>
          put({
            newCustomers: on
              ? { registeredFrom: null, registeredTo: null, maxTransactions: null }
              : null,
          })
        }
        error={err('redemption.newCustomers')}
      />
      {nc ? (
        <div className="grid-3">
          <TextField
            id="redemption.newCustomers.registeredFrom"
            label="Registered from"
            type="date"
            value={nc.registeredFrom ?? ''}
            onChange={(v) => put({ newCustomers: { ...nc, registeredFrom: v || null } })}
            error={err('redemption.newCustomers.registeredFrom')}
          />
          <TextField
            id="redemption.newCustomers.registeredTo"
            label="Registered to"
            type="date"
            value={nc.registeredTo ?? ''}
            onChange={(v) => put({ newCustomers: { ...nc, registeredTo: v || null } })}
            error={err('redemption.newCustomers.registeredTo')}
          />
          <NumberField
            id="redemption.newCustomers.maxTransactions"
            label="At most this many transactions"
            min={0}
            value={nc.maxTransactions}
            onChange={(maxTransactions) => put({ newCustomers: { ...nc, maxTransactions } })}
            error={err('redemption.newCustomers.maxTransactions')}
          />
        </div>
      ) : null}
    </fieldset>
  );
};
