import { OrgRefPicker } from '#renderer/ui/OrgRefPicker';
import { FieldError } from '#renderer/ui/Field';
import type { SectionProps } from './section-props';
import { StoresCsvField } from './StoresCsvField';

type Redemption = SectionProps['draft']['redemption'];

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const toggled = (list: readonly number[], n: number, on: boolean): number[] =>
  on ? [...new Set([...list, n])].sort((a, b) => a - b) : list.filter((x) => x !== n);

/** Stores allowing redemption, and the days and hours (store time) a coupon may be used. */
export const RedemptionWhenWhere = ({ draft, set, err }: SectionProps) => {
  const r = draft.redemption;
  const put = (patch: Partial<Redemption>) =>
    set((d) => ({ ...d, redemption: { ...d.redemption, ...patch } }));
  return (
    <>
      <OrgRefPicker
        id="redemption.stores"
        legend="Stores allowing redemption"
        value={r.stores}
        onChange={(stores) => put({ stores })}
        emptyMeans="Any store may redeem (nothing selected)."
        error={err('redemption.stores')}
      />
      <StoresCsvField id="redemption.stores-csv" onLoaded={(stores) => put({ stores })} />
      <fieldset className="days">
        <legend>Days &amp; time when the coupon can be redeemed</legend>
        <p className="field__hint">
          Nothing ticked = every day / all day. Read in the store’s time zone.
        </p>
        <div role="group" aria-label="Days of the week" className="days__week">
          {weekdays.map((label, i) => (
            <label key={label}>
              <input
                type="checkbox"
                checked={r.daysOfWeek.includes(i + 1)}
                onChange={(e) =>
                  put({ daysOfWeek: toggled(r.daysOfWeek, i + 1, e.target.checked) })
                }
              />{' '}
              {label}
            </label>
          ))}
        </div>
        <FieldError message={err('redemption.daysOfWeek')} />
        <div role="group" aria-label="Days of the month" className="days__month">
          {Array.from({ length: 31 }, (_, i) => i + 1).map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={r.daysOfMonth.includes(day)}
                onChange={(e) =>
                  put({ daysOfMonth: toggled(r.daysOfMonth, day, e.target.checked) })
                }
              />
              {day}
            </label>
          ))}
        </div>
        <div className="hours">
          <span className="hours__title">Hours of the day (on each store’s clock)</span>
          {r.hours.map((h, i) => (
            <div key={i} className="hours__row">
              {(['from', 'to'] as const).map((end) => (
                <label key={end}>
                  {end === 'from' ? 'From' : 'to'}{' '}
                  <input
                    type="time"
                    value={h[end]}
                    onChange={(e) =>
                      put({
                        hours: r.hours.map((x, j) =>
                          j === i ? { ...x, [end]: e.target.value } : x,
                        ),
                      })
                    }
                  />
                </label>
              ))}
              <button
                type="button"
                aria-label={`Remove hours ${i + 1}`}
                onClick={() => put({ hours: r.hours.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
              {err(`redemption.hours.${i}`) ? (
                <span className="field__error" role="alert">
                  {err(`redemption.hours.${i}`)}
                </span>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            onClick={() => put({ hours: [...r.hours, { from: '09:00', to: '17:00' }] })}
          >
            + Hours
          </button>
        </div>
      </fieldset>
    </>
  );
};
