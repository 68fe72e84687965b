import type { BasketLine } from './basket';
import { parseAttributes } from './basket-attributes';
import { currencyLabel } from '../../lib/money-format';
import { useTillCurrency } from './till-currency';
import { useTill } from './till-store';

const emptyLine = (): BasketLine => ({
  key: crypto.randomUUID(),
  sku: '',
  category: '',
  brand: '',
  attributes: '',
  price: '',
  qty: 1,
  onSale: false,
});

/**
 * Optional basket lines, for offers valid only on some products (category, brand, attribute,
 * SKU) or not on sale items.
 */
export const BasketLines = ({
  fieldError,
}: {
  fieldError: (path: string) => string | undefined;
}) => {
  const basket = useTill((s) => s.basket);
  const edit = useTill((s) => s.edit);
  const currency = useTillCurrency();
  const inCurrency = currency ? ` (${currencyLabel(currency)})` : '';
  const setLine = (i: number, patch: Partial<BasketLine>) =>
    edit({ lines: basket.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });

  return (
    <fieldset className="basket-lines">
      <legend>Basket lines (optional)</legend>
      {basket.lines.length > 0 ? (
        <table className="table table--compact">
          <colgroup>
            <col className="col-sku" />
            <col className="col-category" />
            <col className="col-brand" />
            <col className="col-attributes" />
            <col className="col-price" />
            <col className="col-qty" />
            <col className="col-sale" />
            <col className="col-remove" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Category</th>
              <th scope="col">Brand</th>
              <th scope="col">Attributes</th>
              <th scope="col">Price{inCurrency}</th>
              <th scope="col">Qty</th>
              <th scope="col">Sale</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {basket.lines.map((l, i) => {
              const n = i + 1;
              const attrProblem = parseAttributes(l.attributes ?? '').problem;
              const err =
                fieldError(`items.${i}`) ??
                (attrProblem === null ? undefined : `Line ${n} attributes: ${attrProblem}`);
              return (
                <tr key={l.key} className={err ? 'row--error' : undefined}>
                  <td>
                    <input
                      aria-label={`Line ${n} SKU`}
                      value={l.sku}
                      onChange={(e) => setLine(i, { sku: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${n} category`}
                      value={l.category}
                      onChange={(e) => setLine(i, { category: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${n} brand`}
                      value={l.brand}
                      onChange={(e) => setLine(i, { brand: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${n} attributes`}
                      placeholder="colour=red, size=M"
                      value={l.attributes ?? ''}
                      aria-invalid={attrProblem !== null}
                      onChange={(e) => setLine(i, { attributes: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${n} price${inCurrency}`}
                      inputMode="decimal"
                      value={l.price}
                      onChange={(e) => setLine(i, { price: e.target.value.replace(',', '.') })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${n} quantity`}
                      type="number"
                      min={1}
                      value={l.qty}
                      onChange={(e) =>
                        setLine(i, { qty: Math.max(1, e.target.valueAsNumber || 1) })
                      }
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${n} on sale`}
                      type="checkbox"
                      checked={l.onSale}
                      onChange={(e) => setLine(i, { onSale: e.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove line ${n}`}
                      onClick={() => edit({ lines: basket.lines.filter((_, j) => j !== i) })}
                    >
                      ✕
                    </button>
                    {err ? (
                      <span className="field__error" role="alert">
                        {err}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <button type="button" onClick={() => edit({ lines: [...basket.lines, emptyLine()] })}>
        + Add line
      </button>
    </fieldset>
  );
};
