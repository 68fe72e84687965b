import type { Ref } from 'react';
import { formatMoney } from '#renderer/lib/money-format';
import { amountToPay, type Basket } from './basket';

/** The answer to "can this code be used?": the discount, or every reason it cannot, in words. */
export const ValidationPanel = ({
  basket,
  awaitingBill,
  redeemRef,
  onRedeem,
  busy,
}: {
  basket: Basket;
  /** The code was checked before the bill: a hint, not a refusal. */
  awaitingBill: boolean;
  redeemRef: Ref<HTMLButtonElement>;
  onRedeem: () => void;
  busy: boolean;
}) => {
  const v = basket.validation;
  if (awaitingBill && !basket.redeemPending) {
    return (
      <section
        className="card validation validation--waiting"
        aria-live="polite"
        data-testid="validation-waiting"
      >
        <h2>Code {basket.code} is waiting for the bill</h2>
        <p>Type the bill amount: the code is checked and priced as soon as you stop typing.</p>
      </section>
    );
  }
  if (!v && !basket.redeemPending) {
    return (
      <section className="card validation validation--idle" aria-live="polite">
        <p className="muted">Enter a code and press Enter to check it.</p>
      </section>
    );
  }
  if (v && !v.valid) {
    return (
      <section
        className="card validation validation--refused"
        aria-live="assertive"
        aria-labelledby="validation-title"
        data-testid="validation-refused"
      >
        <h2 id="validation-title">✕ Code {basket.code} cannot be used</h2>
        {v.offerName ? <p className="muted">Offer: {v.offerName}</p> : null}
        <ul className="reasons">
          {v.reasons.map((r) => (
            <li key={`${r.code}:${r.field ?? ''}`} data-reason={r.code}>
              {r.message}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const d = v?.discount ?? null;
  return (
    <section
      className="card validation validation--ok"
      aria-live="assertive"
      aria-labelledby="validation-title"
      data-testid="validation-ok"
    >
      {v ? (
        <>
          <h2 id="validation-title">✓ {v.offerName ?? 'Valid code'}</h2>
          {d ? (
            <dl className="facts">
              <dt>Discount</dt>
              <dd className="validation__discount">
                {formatMoney(d.amount, d.currency)}
                {d.capped ? ' (capped at the offer’s maximum)' : ''}
              </dd>
              <dt>Applies to</dt>
              <dd>{formatMoney(d.eligibleAmount, d.currency)} of the bill</dd>
              <dt>To pay</dt>
              <dd>{formatMoney(amountToPay(basket.billAmount, d.amount), d.currency)}</dd>
            </dl>
          ) : null}
        </>
      ) : (
        <h2 id="validation-title">A redemption of {basket.code} was not confirmed</h2>
      )}
      {basket.redeemPending ? (
        <p className="banner banner--warn">
          The last attempt to redeem did not get an answer. Redeem again: it is recognised as the
          same sale and never redeemed twice.
        </p>
      ) : null}
      <button
        type="button"
        ref={redeemRef}
        className="button--primary button--big"
        onClick={onRedeem}
        disabled={busy}
      >
        {busy ? 'Redeeming…' : 'Redeem (F9)'}
      </button>
    </section>
  );
};
