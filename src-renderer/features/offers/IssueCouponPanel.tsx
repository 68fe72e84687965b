import { useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import type { OpOutput } from '#shared/api/operations';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import {
  CustomerIdentifierField,
  customerRefOf,
  describeIdentifier,
  type CustomerIdentifier,
} from '#renderer/ui/CustomerIdentifierField';
import { TextField } from '#renderer/ui/Field';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatInstant } from '#renderer/lib/time-format';

/** Issue one coupon of this offer to one customer, named by any identifier. */
export const IssueCouponPanel = ({
  offerId,
  uploadedCodes,
  onIssued,
}: {
  offerId: string;
  uploadedCodes: boolean;
  onIssued: () => void;
}) => {
  const [who, setWho] = useState<CustomerIdentifier>({ kind: 'mobile', value: '' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<OpOutput<'coupons-issue'> | null>(null);
  const errs = fieldErrorsFromError(error);
  // Issued by a person, not a till: "end of day" was computed in the org's zone.
  const orgZone = useTimeZones().orgZone;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await send('coupons-issue', {
        id: offerId,
        customer: customerRefOf(who),
        ...(uploadedCodes && code.trim() ? { code: code.trim().toUpperCase() } : {}),
      });
      setResult(r);
      void recordActivity(
        'issued',
        `Issued ${r.coupon.code} to ${describeIdentifier(who)}`,
        `/offers/${offerId}`,
      );
      onIssued();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card issue-panel"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="issue-title"
    >
      <h2 id="issue-title">Issue a coupon to a customer</h2>
      <div className="issue-panel__row">
        <CustomerIdentifierField
          idPrefix="issue"
          value={who}
          onChange={setWho}
          error={errorAt(errs, 'customer')}
        />
        {uploadedCodes ? (
          <TextField
            id="issue-code"
            label="Code to hand out"
            value={code}
            onChange={setCode}
            error={errorAt(errs, 'code')}
          />
        ) : null}
        <button type="submit" className="button--primary" disabled={busy || !who.value.trim()}>
          {busy ? 'Issuing…' : 'Issue coupon'}
        </button>
      </div>
      <ErrorBanner error={error} />
      {result ? (
        <p className="banner banner--ok" role="status">
          {result.resent
            ? 'The customer already had a valid coupon; it was sent again: '
            : 'Issued '}
          <code>{result.coupon.code}</code>
          {result.coupon.expiresAt
            ? `, expires ${formatInstant(result.coupon.expiresAt, orgZone)}`
            : ''}
          .{result.thresholdReached ? ' The issual notification threshold has been reached.' : ''}
        </p>
      ) : null}
    </form>
  );
};
