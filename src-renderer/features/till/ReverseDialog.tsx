import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import { formatMoney } from '#renderer/lib/money-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { ModalDialog } from '#renderer/ui/ModalDialog';
import { FieldError } from '#renderer/ui/Field';
import type { Redemption } from '#shared/api/operations/redemptions';
import './reverse-dialog.css';

/** The reasons cashiers give most; "Other" asks for the words. */
export const presetReasons = [
  'Wrong code scanned',
  'Wrong customer',
  'Sale cancelled or goods returned',
  'Customer changed their mind',
] as const;
const other = 'Other';

/** What is stored with the reversal: the preset, then the cashier's own words if any. */
export const reversalReason = (preset: string, details: string): string => {
  const words = details.trim();
  if (preset === other || preset === '') return words;
  return words ? `${preset}: ${words}` : preset;
};

/**
 * Keeps Tab inside the dialog: a modal dialog alone lets focus leave for the browser's own
 * controls after its last button, and a cashier tabbing on should come back to the reasons.
 */
const trapTab = (form: HTMLFormElement, e: KeyboardEvent<HTMLFormElement>): void => {
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  const first = radios.find((r) => r.checked) ?? radios[0];
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const last = buttons[buttons.length - 1];
  const active = document.activeElement;
  if (!e.shiftKey && active === last) {
    e.preventDefault();
    first?.focus();
  } else if (e.shiftKey && active instanceof HTMLInputElement && active.type === 'radio') {
    e.preventDefault();
    last?.focus();
  }
};

/**
 * Confirms a reversal in a modal dialog: focus stays inside (the page behind is inert), Esc
 * keeps the redemption, Enter reverses it once a reason is chosen or typed.
 */
export const ReverseDialog = ({
  redemption: r,
  onDone,
  onCancel,
}: {
  redemption: Redemption;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const [preset, setPreset] = useState('');
  const [details, setDetails] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const zones = useTimeZones();

  const reason = reversalReason(preset, details);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!reason) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send('redemptions-reverse', { id: r.id, reason, clientId: crypto.randomUUID() });
      void recordActivity('reversed', `Reversed ${r.code} (${r.offerName}): ${reason}`);
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      className="dialog-card reverse-dialog"
      labelledBy="reverse-title"
      describedBy="reverse-what"
      busy={busy}
      onCancel={onCancel}
    >
      <form
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          const t = e.target as HTMLInputElement;
          if (e.key === 'Enter' && t.type === 'radio') {
            // Enter on a reason confirms too (browsers differ on submitting from a radio button).
            e.preventDefault();
            e.currentTarget.requestSubmit();
          } else if (e.key === 'Tab') {
            trapTab(e.currentTarget, e);
          }
        }}
      >
        <h2 id="reverse-title">Reverse the redemption of {r.code}?</h2>
        <p id="reverse-what">
          {r.offerName}: {formatMoney(r.discount, r.currency)} off a bill of{' '}
          {formatMoney(r.billAmount, r.currency)}, redeemed{' '}
          <ZonedTime iso={r.redeemedAt} zone={zones.zoneOf(r.storeId)} />. The discount is taken
          back and the coupon can be used again.
        </p>
        <fieldset
          className="reverse-dialog__reasons"
          aria-describedby={missing && !reason ? 'reverse-reason-error' : undefined}
        >
          <legend>Why?</legend>
          {[...presetReasons, other].map((p, i) => (
            <label key={p} className="reverse-dialog__reason">
              <input
                type="radio"
                name="reverse-reason"
                value={p}
                checked={preset === p}
                autoFocus={i === 0}
                onChange={() => setPreset(p)}
              />
              {p}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="reverse-details">
            {preset === other ? 'The reason' : 'More detail (optional)'}
          </label>
          <input
            id="reverse-details"
            value={details}
            maxLength={400}
            autoComplete="off"
            onChange={(e) => setDetails(e.target.value)}
          />
        </div>
        <FieldError
          id="reverse-reason-error"
          message={missing && !reason ? 'Choose a reason or type one.' : null}
        />
        <ErrorBanner error={error} />
        <div className="actions">
          <button type="submit" className="button--danger" disabled={busy}>
            {busy ? 'Reversing…' : 'Reverse redemption (Enter)'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Keep it (Esc)
          </button>
        </div>
      </form>
    </ModalDialog>
  );
};
