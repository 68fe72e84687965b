import { useState } from 'react';
import type { Claim } from '#shared/domain/offer';
import { TextField } from '#renderer/ui/Field';
import { consumerRules } from './claim-rules';
import { useClaims } from './claims-store';

/**
 * Releases the offer from the service holding it, after a confirmation that says what it
 * means; the reason goes into the audit trail.
 */
export const ReleaseClaim = ({ offerId, claim }: { offerId: string; claim: Claim }) => {
  const { busy, release } = useClaims();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const holder = `${consumerRules[claim.consumerType].label} “${claim.consumerName}”`;
  return (
    <section className="card" aria-labelledby="claim-release-title">
      <h2 id="claim-release-title">Release the claim</h2>
      <p>
        Releasing takes the offer away from {holder}: any service may then claim it. Coupons already
        issued stay as they are.
      </p>
      <TextField
        id="claim-release-reason"
        label="Reason (kept in the audit trail)"
        value={reason}
        onChange={setReason}
      />
      {confirming ? (
        <div className="actions" role="group" aria-label="Confirm the release">
          <p className="banner banner--warn">Release this offer from {holder}?</p>
          <button
            type="button"
            className="button--danger"
            disabled={busy}
            onClick={() =>
              void release({
                id: offerId,
                consumerType: claim.consumerType,
                consumerId: claim.consumerId,
                reason: reason.trim(),
              }).then(() => setConfirming(false))
            }
          >
            {busy ? 'Releasing…' : 'Yes, release'}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Keep the claim
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Release claim…
        </button>
      )}
    </section>
  );
};
