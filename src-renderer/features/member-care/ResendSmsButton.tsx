import { useState } from 'react';
import { ApiClientError, errorMessage } from '#renderer/api/api-error';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';

type Outcome = { ok: true; text: string } | { ok: false; title: string; text: string };

const refusalTitles: Partial<Record<ApiClientError['code'], string>> = {
  RULE_FAILED: 'Cannot resend',
  CONFLICT: 'Already queued',
  UNAVAILABLE: 'Service unavailable',
  FORBIDDEN: 'Your role may not resend coupons',
  NOT_FOUND: 'Not found',
};

/**
 * What a queued resend means for the customer. Only a hub with an SMS gateway sends it; without
 * one the message waits, and saying "within a minute" then would be untrue.
 */
export const resendQueuedText = ({
  notification: n,
  smsGateway,
}: {
  notification: { recipient: string | null };
  smsGateway: boolean | null;
}): string => {
  const to = n.recipient ? ` to ${n.recipient}` : '';
  if (smsGateway === false) {
    return `Resend queued${to}, but no SMS gateway is set up on the hub, so it is not sent until one is. Ask whoever runs the hub to connect one.`;
  }
  return smsGateway
    ? `Resend queued${to}; it goes out within a minute.`
    : `Resend queued${to}; the hub sends it.`;
};

/**
 * Asks the hub to resend one coupon by SMS with its offer's resend text. The answer is shown
 * next to the button: queued (to which number), or the hub's reason in its own words — the
 * offer does not allow resending or the coupon is not active (RULE_FAILED), or a resend is
 * already waiting (CONFLICT, so a second click never messages the customer twice).
 */
export const ResendSmsButton = ({ couponId, code }: { couponId: string; code: string }) => {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const resend = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await send('coupons-resend', { id: couponId });
      setOutcome({ ok: true, text: resendQueuedText(answer) });
      void recordActivity('coupon-resend', `Resent coupon ${code} by SMS`);
    } catch (e) {
      const title =
        e instanceof ApiClientError ? (refusalTitles[e.code] ?? 'Not sent') : 'Not sent';
      setOutcome({ ok: false, title, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="resend">
      <button
        type="button"
        onClick={() => void resend()}
        disabled={busy}
        aria-label={`Resend SMS for ${code}`}
      >
        {busy ? 'Sending…' : 'Resend SMS'}
      </button>
      {outcome?.ok ? (
        <p className="resend__ok" role="status">
          {outcome.text}
        </p>
      ) : null}
      {outcome && !outcome.ok ? (
        <p className="resend__error" role="alert">
          <strong>{outcome.title}:</strong> {outcome.text}
        </p>
      ) : null}
    </div>
  );
};
