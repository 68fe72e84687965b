import type { Ref } from 'react';
import { describedBy } from '../../ui/Field';
import { SelectField, TextField } from '../../ui/Field';
import type { IdentifierKind } from '../../../src-shared/domain/customer';
import { linesTotal, moneyPattern, normalizeCode } from './basket';
import { BasketLines } from './BasketLines';
import { useTill } from './till-store';

const kinds: { value: IdentifierKind; label: string }[] = [
  { value: 'mobile', label: 'Mobile' },
  { value: 'email', label: 'Email' },
  { value: 'userId', label: 'User id' },
  { value: 'externalId', label: 'External id' },
];

/** Left column of the till: code, customer, bill and basket lines. */
export const SaleForm = ({
  codeRef,
  customerRef,
  fieldError,
}: {
  codeRef: Ref<HTMLInputElement>;
  customerRef: Ref<HTMLInputElement>;
  fieldError: (path: string) => string | undefined;
}) => {
  const { basket, edit, validate, lookupCustomer, busy } = useTill();
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
          Type or scan, then press Enter to check it.
        </p>
        {codeError ? (
          <p className="field__error" id="till-code-error" role="alert">
            {codeError}
          </p>
        ) : null}
      </div>

      <fieldset className="customer-lookup">
        <legend>Customer (optional)</legend>
        <div className="customer-lookup__row">
          <SelectField
            id="till-customer-kind"
            label="Identifier"
            value={basket.customerKind}
            options={kinds}
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
            {customerError ? (
              <p className="field__error" id="till-customer-error" role="alert">
                {customerError}
              </p>
            ) : null}
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
            {basket.customer.registeredAt.slice(0, 10)} · {basket.customer.transactionCount}{' '}
            transactions
          </p>
        ) : null}
      </fieldset>

      <div className="bill-row">
        <TextField
          id="till-bill"
          label="Bill amount"
          value={basket.billAmount}
          inputMode="decimal"
          onChange={(v) => edit({ billAmount: v.replace(',', '.') })}
          error={billError}
        />
        {total ? (
          <button
            type="button"
            onClick={() => edit({ billAmount: total })}
            disabled={total === basket.billAmount}
          >
            Use lines total {total}
          </button>
        ) : null}
      </div>

      <BasketLines fieldError={fieldError} />
    </div>
  );
};
