import { currencyLabel } from '#renderer/lib/money-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { CheckboxField, SelectField, TextField } from '#renderer/ui/Field';
import { ListField } from '#renderer/ui/ListField';
import { parseList } from './offer-form-model';
import type { SectionProps } from './section-props';

type Selected = Extract<SectionProps['draft']['applicability'], { scope: 'SELECTED' }>;

/** Section 2: how much off, on which products, and whether sale items count. */
export const DiscountSection = ({ draft, set, err }: SectionProps) => {
  // A new amount starts in the org's own currency, not a hard-wired one.
  const home = useTimeZones().orgCurrency ?? 'INR';
  const inCurrency = (c: string | null) =>
    c && /^[A-Za-z]{3}$/.test(c) ? ` (${currencyLabel(c)})` : '';
  const disc = draft.discount;
  const app = draft.applicability;
  const setSelected = (patch: Partial<Selected>) =>
    set((d) =>
      d.applicability.scope === 'SELECTED'
        ? { ...d, applicability: { ...d.applicability, ...patch } }
        : d,
    );

  return (
    <fieldset>
      <legend>2. Discount</legend>
      <div className="grid-3">
        <SelectField
          id="discount.type"
          label="Discount value"
          value={disc.type}
          options={[
            { value: 'FIXED', label: 'Fixed amount' },
            { value: 'PERCENT', label: 'Percentage' },
          ]}
          onChange={(type) =>
            set((d) => ({
              ...d,
              discount:
                type === 'FIXED'
                  ? { type, amount: '', currency: home }
                  : { type, percent: '', maxDiscount: null, maxDiscountCurrency: null },
            }))
          }
        />
        {disc.type === 'FIXED' ? (
          <>
            <TextField
              id="discount.amount"
              label={`Amount${inCurrency(disc.currency)}`}
              inputMode="decimal"
              value={disc.amount}
              onChange={(amount) => set((d) => ({ ...d, discount: { ...disc, amount } }))}
              error={err('discount.amount')}
            />
            <TextField
              id="discount.currency"
              label="Currency"
              value={disc.currency}
              onChange={(v) =>
                set((d) => ({ ...d, discount: { ...disc, currency: v.toUpperCase() } }))
              }
              error={err('discount.currency')}
              hint="Converted to the store's currency at redemption."
            />
          </>
        ) : (
          <TextField
            id="discount.percent"
            label="Percent off"
            inputMode="decimal"
            value={disc.percent}
            onChange={(percent) => set((d) => ({ ...d, discount: { ...disc, percent } }))}
            error={err('discount.percent')}
          />
        )}
      </div>
      {disc.type === 'PERCENT' ? (
        <>
          <CheckboxField
            id="discount.maxEnabled"
            label="Cap the discount at a maximum amount"
            checked={disc.maxDiscount !== null}
            onChange={(on) =>
              set((d) => ({
                ...d,
                discount: {
                  ...disc,
                  maxDiscount: on ? '' : null,
                  maxDiscountCurrency: on ? (disc.maxDiscountCurrency ?? home) : null,
                },
              }))
            }
          />
          {disc.maxDiscount !== null ? (
            <div className="grid-2">
              <TextField
                id="discount.maxDiscount"
                label={`Maximum discount${inCurrency(disc.maxDiscountCurrency)}`}
                inputMode="decimal"
                value={disc.maxDiscount}
                onChange={(maxDiscount) =>
                  set((d) => ({ ...d, discount: { ...disc, maxDiscount } }))
                }
                error={err('discount.maxDiscount')}
              />
              <TextField
                id="discount.maxDiscountCurrency"
                label="Currency of the maximum"
                value={disc.maxDiscountCurrency ?? ''}
                onChange={(v) =>
                  set((d) => ({
                    ...d,
                    discount: { ...disc, maxDiscountCurrency: v.toUpperCase() },
                  }))
                }
                error={err('discount.maxDiscountCurrency')}
              />
            </div>
          ) : null}
        </>
      ) : null}

      <SelectField
        id="applicability.scope"
        label="Valid on"
        value={app.scope}
        options={[
          { value: 'ALL', label: 'All products' },
          { value: 'SELECTED', label: 'Selected products' },
        ]}
        onChange={(scope) =>
          set((d) => ({
            ...d,
            applicability:
              scope === 'ALL'
                ? { scope }
                : { scope, categories: [], brands: [], attributes: [], skus: [] },
          }))
        }
      />
      {app.scope === 'SELECTED' ? (
        <div className="grid-2">
          <ListField
            id="applicability.categories"
            label="Categories"
            value={app.categories}
            onChange={(categories) => setSelected({ categories })}
            error={err('applicability.categories')}
          />
          <ListField
            id="applicability.brands"
            label="Brands"
            value={app.brands}
            onChange={(brands) => setSelected({ brands })}
            error={err('applicability.brands')}
          />
          <ListField
            id="applicability.attributes"
            label="Attributes"
            value={app.attributes.map((a) => `${a.name}=${a.value}`)}
            onChange={(items) =>
              setSelected({
                attributes: items.map((s) => {
                  const [name = '', ...rest] = s.split('=');
                  return { name: name.trim(), value: rest.join('=').trim() };
                }),
              })
            }
            error={err('applicability.attributes')}
            hint="name=value, e.g. colour=red"
          />
          <div>
            <ListField
              id="applicability.skus"
              label="SKUs"
              value={app.skus}
              onChange={(skus) => setSelected({ skus })}
              error={err('applicability.skus')}
            />
            <label className="file-label">
              Upload SKU codes (CSV or text, one per line){' '}
              <input
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                onChange={(e) => {
                  const input = e.target;
                  const file = input.files?.[0];
                  if (!file) return;
                  void file.text().then((text) => {
                    const skus = parseList(text).filter((s) => s.toLowerCase() !== 'sku');
                    setSelected({ skus: [...new Set([...app.skus, ...skus])] });
                    input.value = '';
                  });
                }}
              />
            </label>
          </div>
        </div>
      ) : null}
      <CheckboxField
        id="applicableOnSale"
        label="Applicable on sale items"
        checked={draft.applicableOnSale}
        onChange={(applicableOnSale) => set((d) => ({ ...d, applicableOnSale }))}
        hint="When on, the offer applies to the products above and to items already on sale."
      />
    </fieldset>
  );
};
