import type { Ref } from 'react';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatMoney } from '#renderer/lib/money-format';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { amountToPay } from './basket';
import type { Receipt } from './till-store';

/**
 * The redemption's last eight characters, grouped: enough to tell receipts apart and read out
 * on the phone, without a 36-character id on a customer's receipt.
 */
const receiptReference = (id: string): string => {
  const tail = id.replace(/-/g, '').slice(-8).toUpperCase();
  return `${tail.slice(0, 4)} ${tail.slice(4)}`;
};

/** What the cashier hands over or reads out once the redemption is recorded. */
export const ReceiptView = ({
  receipt,
  tillName,
  newSaleRef,
  onNewSale,
}: {
  receipt: Receipt;
  tillName: string;
  newSaleRef: Ref<HTMLButtonElement>;
  onNewSale: () => void;
}) => {
  const r = receipt.redemption;
  const zones = useTimeZones();
  return (
    <section className="card receipt" aria-labelledby="receipt-title" data-testid="receipt">
      <h2 id="receipt-title">Receipt</h2>
      {receipt.recordedOffline ? (
        <p className="banner banner--warn receipt__offline" data-testid="receipt-offline">
          <strong>Recorded offline — to be confirmed.</strong> The hub could not be reached; this
          redemption is sent to it when it is back, and checked there.
        </p>
      ) : null}
      {receipt.replayed ? (
        <p className="banner banner--info">
          This redemption had already been recorded; it was not redeemed twice.
        </p>
      ) : null}
      <dl className="facts">
        <dt>Offer</dt>
        <dd>{r.offerName}</dd>
        <dt>Code</dt>
        <dd>
          <code>{r.code}</code>
        </dd>
        <dt>Bill</dt>
        <dd>{formatMoney(r.billAmount, r.currency)}</dd>
        <dt>Discount</dt>
        <dd className="receipt__discount">−{formatMoney(r.discount, r.currency)}</dd>
        <dt>To pay</dt>
        <dd className="receipt__total">
          {formatMoney(amountToPay(r.billAmount, r.discount), r.currency)}
        </dd>
        <dt>When</dt>
        <dd>
          <ZonedTime iso={r.redeemedAt} zone={zones.zoneOf(r.storeId)} />
        </dd>
        <dt>Till</dt>
        <dd>{tillName}</dd>
        <dt>Reference</dt>
        <dd>
          <code>{receiptReference(r.id)}</code>
        </dd>
      </dl>
      <div className="actions no-print">
        <button type="button" ref={newSaleRef} className="button--primary" onClick={onNewSale}>
          New sale (Esc)
        </button>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
    </section>
  );
};
