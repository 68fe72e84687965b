import type { TemplateValues } from '#shared/notifications/template';
import { CheckboxField, NumberField, SelectField, TextField } from '#renderer/ui/Field';
import { MessageTemplateField } from './MessageTemplateField';
import type { SectionProps } from './section-props';

type Reminder = SectionProps['draft']['issuance']['expiryReminders'][number];

/** The schema's cap (src-shared/domain/offer.ts). */
export const maxReminders = 10;

/** A new reminder: the first usual lead time not taken yet, by SMS at 10:00. */
export const blankReminder = (existing: readonly Reminder[]): Reminder => {
  const used = new Set(existing.map((r) => r.daysBefore));
  const daysBefore = [3, 1, 7, 2, 5, 0, 10, 14, 4, 6].find((d) => !used.has(d)) ?? 1;
  return {
    daysBefore,
    channel: 'SMS',
    sendTime: '10:00',
    template: 'Hi {customer_name}, your {offer_name} coupon {code} expires on {expiry_date}.',
    allowUnicode: false,
  };
};

const describe = (r: Reminder) =>
  `${r.daysBefore === 0 ? 'on the expiry day' : `${r.daysBefore} day${r.daysBefore === 1 ? '' : 's'} before expiry`}, ${r.channel === 'SMS' ? 'SMS' : 'email'} at ${r.sendTime}`;

/**
 * Coupon-expiry reminders: up to ten, each with its own lead time, channel, send time (in the
 * customer's zone) and text, added with "+ Reminder" and removed one by one.
 */
export const RemindersField = ({
  value,
  onChange,
  err,
  values,
}: {
  value: Reminder[];
  onChange: (v: Reminder[]) => void;
  err: SectionProps['err'];
  values: TemplateValues;
}) => {
  const put = (i: number, patch: Partial<Reminder>) =>
    onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="reminders">
      <legend>Coupon expiry reminders</legend>
      <p className="field__hint">
        Sent to each coupon’s holder before the coupon expires, at the time given in the customer’s
        time zone.
      </p>
      {value.length === 0 ? <p className="muted">No reminders.</p> : null}
      {value.map((r, i) => {
        const p = `issuance.expiryReminders.${i}`;
        return (
          <fieldset key={i} className="reminder" aria-label={`Reminder ${i + 1}`}>
            <legend>
              Reminder {i + 1} <span className="muted">· {describe(r)}</span>
            </legend>
            <div className="reminder__settings">
              <NumberField
                id={`${p}.daysBefore`}
                label="Days before expiry"
                min={0}
                value={r.daysBefore}
                onChange={(n) => put(i, { daysBefore: n ?? 0 })}
                error={err(`${p}.daysBefore`)}
              />
              <SelectField
                id={`${p}.channel`}
                label="Channel"
                value={r.channel}
                options={[
                  { value: 'SMS', label: 'SMS' },
                  { value: 'EMAIL', label: 'Email' },
                ]}
                onChange={(channel) => put(i, { channel })}
                error={err(`${p}.channel`)}
              />
              <TextField
                id={`${p}.sendTime`}
                label="Send at"
                type="time"
                value={r.sendTime}
                onChange={(sendTime) => put(i, { sendTime })}
                hint="Customer’s local time"
                error={err(`${p}.sendTime`)}
              />
              {r.channel === 'SMS' ? (
                <CheckboxField
                  id={`${p}.allowUnicode`}
                  label="Allow Unicode"
                  checked={r.allowUnicode}
                  onChange={(allowUnicode) => put(i, { allowUnicode })}
                  hint="70 characters a part instead of 160"
                />
              ) : null}
              <button
                type="button"
                className="reminder__remove"
                aria-label={`Remove reminder ${i + 1}`}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
            <MessageTemplateField
              id={`${p}.template`}
              label={`Reminder ${i + 1} message`}
              value={r.template}
              onChange={(template) => put(i, { template })}
              channel={r.channel}
              allowUnicode={r.allowUnicode}
              values={values}
              error={err(`${p}.template`)}
            />
          </fieldset>
        );
      })}
      <button
        type="button"
        disabled={value.length >= maxReminders}
        onClick={() => onChange([...value, blankReminder(value)])}
      >
        + Reminder
      </button>
      {value.length >= maxReminders ? (
        <span className="muted"> {maxReminders} reminders at most.</span>
      ) : null}
    </fieldset>
  );
};
