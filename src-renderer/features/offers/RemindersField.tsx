import type { SectionProps } from './section-props';

type Reminder = SectionProps['draft']['issuance']['expiryReminders'][number];

const blank = (): Reminder => ({
  daysBefore: 3,
  channel: 'SMS',
  sendTime: '10:00',
  template: 'Your coupon {{code}} expires on {{expiry}}.',
  allowUnicode: false,
});

/** Up to ten coupon-expiry reminders, each with its own timing, channel and text. */
export const RemindersField = ({
  value,
  onChange,
  err,
}: {
  value: Reminder[];
  onChange: (v: Reminder[]) => void;
  err: SectionProps['err'];
}) => {
  const put = (i: number, patch: Partial<Reminder>) =>
    onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="reminders">
      <legend>Send expiry reminders</legend>
      {value.length === 0 ? <p className="muted">No reminders.</p> : null}
      {value.map((r, i) => {
        const p = `issuance.expiryReminders.${i}`;
        const e = err(p);
        return (
          <div key={i} className="reminder-row">
            <label>
              Days before
              <input
                type="number"
                min={0}
                value={r.daysBefore}
                onChange={(ev) => put(i, { daysBefore: Math.max(0, ev.target.valueAsNumber || 0) })}
              />
            </label>
            <label>
              Channel
              <select
                value={r.channel}
                onChange={(ev) => put(i, { channel: ev.target.value as Reminder['channel'] })}
              >
                <option value="SMS">SMS</option>
                <option value="EMAIL">Email</option>
              </select>
            </label>
            <label>
              At
              <input
                type="time"
                value={r.sendTime}
                onChange={(ev) => put(i, { sendTime: ev.target.value })}
              />
            </label>
            <label className="reminder-row__text">
              Message
              <input value={r.template} onChange={(ev) => put(i, { template: ev.target.value })} />
            </label>
            <button
              type="button"
              aria-label={`Remove reminder ${i + 1}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              ✕
            </button>
            {e ? (
              <p className="field__error" role="alert">
                Reminder {i + 1}: {e}
              </p>
            ) : null}
          </div>
        );
      })}
      <button
        type="button"
        disabled={value.length >= 10}
        onClick={() => onChange([...value, blank()])}
      >
        + Reminder
      </button>
    </fieldset>
  );
};
