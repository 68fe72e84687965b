import type { Ref } from 'react';
import { describedBy, SelectField, FieldError } from '#renderer/ui/Field';
import { currencyLabel, formatMoney } from '#renderer/lib/money-format';
import { formatInstant } from '#renderer/lib/time-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatCount } from '#renderer/ui/format';
import { identifierKindOptions } from '#renderer/ui/CustomerIdentifierField';
import { linesTotal, moneyPattern, normalizeCode } from './basket';
import { BasketLines } from './BasketLines';
import { useTillCurrency } from './till-currency';
import { useTill } from './till-store';
import './bill-first.css';

/**
 * Left column of the till: code, bill, customer and basket lines. The bill sits right under the
 * code: Enter in either checks the code, and a code checked before the bill waits for it.
 */
export const SaleForm = ({
  codeRef,
  billRef,
  customerRef,
  fieldError,
  onNeedCode,
}: {
  codeRef: Ref<HTMLInputElement>;
  billRef: Ref<HTMLInputElement>;
  customerRef: Ref<HTMLInputElement>;
  fieldError: (path: string) => string | undefined;
  /** Enter in the bill with no code yet: the cursor goes to the code. */
  onNeedCode: () => void;
}) => {
  const { basket, edit, validate, lookupCustomer, busy, awaitingBill, till } = useTill();
  const zones = useTimeZones();
  const currency = useTillCurrency();
  const billLabel = currency ? `Bill amount (${currencyLabel(currency)})` : 'Bill amount';
  const total = linesTotal(basket.lines);
  const billError =
    fieldError('billAmount') ??
    (basket.billAmount && !moneyPattern.test(basket.billAmount.trim())
      ? 'Enter the bill as a number such as 249.90'
      : undefined);
  const codeError = fieldError('code');
  const customerError = fieldError('customer');

  return (
    <div className="sale-form">
      <div className={`field field--code${codeError ? ' field--error' : ''}`}>
        <label htmlFor="till-code">Coupon code</label>
        <input
          id="till-code"
          ref={codeRef}
          className="code-input"
          value={basket.code}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          aria-invalid={codeError ? true : undefined}
          aria-describedby={describedBy('till-code', { hint: true, error: codeError })}
          onChange={(e) => edit({ code: normalizeCode(e.target.value) })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (basket.code && busy === null) void validate();
            }
          }}
        />
        <p className="field__hint" id="till-code-hint">
          Type or scan, then press Enter to check it (F2 comes here).
        </p>
        <FieldError id="till-code-error" message={codeError} />
      </div>

      <div className="bill-row">
        <div className={`field${billError ? ' field--error' : ''}`}>
          <label htmlFor="till-bill">{billLabel}</label>
          <input
            id="till-bill"
            ref={billRef}
            className="bill-input"
            value={basket.billAmount}
            inputMode="decimal"
            autoComplete="off"
            aria-invalid={billError ? true : undefined}
            aria-describedby={describedBy('till-bill', { hint: true, error: billError })}
            onChange={(e) => edit({ billAmount: e.target.value.replace(',', '.') })}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              if (!basket.code) onNeedCode();
              else if (busy === null) void validate();
            }}
          />
          <p
            className={`field__hint${awaitingBill ? ' field__hint--waiting' : ''}`}
            id="till-bill-hint"
            data-testid="bill-hint"
          >
            {awaitingBill
              ? `Type the bill to price code ${basket.code}: it is checked as soon as you stop typing.`
              : 'F4 comes here. Enter checks the code.'}
          </p>
          <FieldError id="till-bill-error" message={billError} />
        </div>
        {total ? (
          <button
            type="button"
            onClick={() => edit({ billAmount: total })}
            disabled={total === basket.billAmount}
          >
            Use lines total {formatMoney(total, currency)}
          </button>
        ) : null}
      </div>

      <fieldset className="customer-lookup">
        <legend>Customer (optional)</legend>
        <div className="customer-lookup__row">
          <SelectField
            id="till-customer-kind"
            label="Identifier"
            value={basket.customerKind}
            options={identifierKindOptions}
            onChange={(v) => edit({ customerKind: v })}
          />
          <div className={`field${customerError ? ' field--error' : ''}`}>
            <label htmlFor="till-customer">Value</label>
            <input
              id="till-customer"
              ref={customerRef}
              value={basket.customerValue}
              autoComplete="off"
              aria-invalid={customerError ? true : undefined}
              aria-describedby={customerError ? 'till-customer-error' : undefined}
              onChange={(e) => edit({ customerValue: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void lookupCustomer();
                }
              }}
            />
            <FieldError id="till-customer-error" message={customerError} />
          </div>
          <button
            type="button"
            onClick={() => void lookupCustomer()}
            disabled={!basket.customerValue.trim() || busy !== null}
          >
            {busy === 'lookup' ? 'Looking up…' : 'Look up'}
          </button>
        </div>
        {basket.customer ? (
          <p className="customer-found" role="status">
            ✓ {basket.customer.name || 'Unnamed customer'} · registered{' '}
            {formatInstant(basket.customer.registeredAt, zones.zoneOf(till?.storeId), {
              style: 'date',
            })}{' '}
            · {formatCount(basket.customer.transactionCount)}{' '}
            {basket.customer.transactionCount === 1 ? 'transaction' : 'transactions'}
          </p>
        ) : null}
      </fieldset>

      <BasketLines fieldError={fieldError} />
    </div>
  );
};
