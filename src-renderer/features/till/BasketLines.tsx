import type { BasketLine } from './basket';
import { parseAttributes } from './basket-attributes';
import { currencyLabel } from '#renderer/lib/money-format';
import { useTillCurrency } from './till-currency';
import { useTill } from './till-store';
import { Table, type Column } from '#renderer/ui/Table';

const colClasses = [
  'col-sku',
  'col-category',
  'col-brand',
  'col-attributes',
  'col-price',
  'col-qty',
  'col-sale',
  'col-remove',
];

const attrProblemOf = (l: BasketLine) => parseAttributes(l.attributes ?? '').problem;

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
  const errorOf = (l: BasketLine, i: number): string | undefined => {
    const problem = attrProblemOf(l);
    return (
      fieldError(`items.${i}`) ??
      (problem === null ? undefined : `Line ${i + 1} attributes: ${problem}`)
    );
  };
  /** A plain text column: SKU, category, brand. */
  const text = (
    field: 'sku' | 'category' | 'brand',
    header: string,
    name: string,
  ): Column<BasketLine> => ({
    header,
    cell: (l, i) => (
      <input
        aria-label={`Line ${i + 1} ${name}`}
        value={l[field]}
        onChange={(e) => setLine(i, { [field]: e.target.value })}
      />
    ),
  });

  return (
    <fieldset className="basket-lines">
      <legend>Basket lines (optional)</legend>
      <Table
        label="Basket lines"
        compact
        colClasses={colClasses}
        columns={[
          text('sku', 'SKU', 'SKU'),
          text('category', 'Category', 'category'),
          text('brand', 'Brand', 'brand'),
          {
            header: 'Attributes',
            cell: (l, i) => (
              <input
                aria-label={`Line ${i + 1} attributes`}
                placeholder="colour=red, size=M"
                value={l.attributes ?? ''}
                aria-invalid={attrProblemOf(l) !== null}
                onChange={(e) => setLine(i, { attributes: e.target.value })}
              />
            ),
          },
          {
            header: `Price${inCurrency}`,
            cell: (l, i) => (
              <input
                aria-label={`Line ${i + 1} price${inCurrency}`}
                inputMode="decimal"
                value={l.price}
                onChange={(e) => setLine(i, { price: e.target.value.replace(',', '.') })}
              />
            ),
          },
          {
            header: 'Qty',
            cell: (l, i) => (
              <input
                aria-label={`Line ${i + 1} quantity`}
                type="number"
                min={1}
                value={l.qty}
                onChange={(e) => setLine(i, { qty: Math.max(1, e.target.valueAsNumber || 1) })}
              />
            ),
          },
          {
            header: 'Sale',
            cell: (l, i) => (
              <input
                aria-label={`Line ${i + 1} on sale`}
                type="checkbox"
                checked={l.onSale}
                onChange={(e) => setLine(i, { onSale: e.target.checked })}
              />
            ),
          },
          {
            header: 'Remove',
            hideHeader: true,
            cell: (l, i) => {
              const err = errorOf(l, i);
              return (
                <>
                  <button
                    type="button"
                    aria-label={`Remove line ${i + 1}`}
                    onClick={() => edit({ lines: basket.lines.filter((_, j) => j !== i) })}
                  >
                    ✕
                  </button>
                  {err ? (
                    <span className="field__error" role="alert">
                      {err}
                    </span>
                  ) : null}
                </>
              );
            },
          },
        ]}
        rows={basket.lines}
        rowKey={(l) => l.key}
        rowClassName={(l, i) => (errorOf(l, i) ? 'row--error' : undefined)}
        empty={null}
      />
      <button type="button" onClick={() => edit({ lines: [...basket.lines, emptyLine()] })}>
        + Add line
      </button>
    </fieldset>
  );
};
