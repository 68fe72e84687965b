import { currencyLabel } from '#renderer/lib/money-format';
import { CheckboxField, SelectField, TextField } from '#renderer/ui/Field';
import { OrgRefPicker } from '#renderer/ui/OrgRefPicker';
import { billCurrency } from './offer-summary';
import type { SectionProps } from './section-props';

/** Advanced: whether tills get the offer, and what a till may do while it cannot reach the hub. */
export const SyncOfflineSection = ({ draft, set, err }: SectionProps) => {
  const sync = draft.syncToInStore;
  const pol = draft.offlinePolicy;
  const cur = billCurrency(draft.discount);
  const billIn = cur ? `(${currencyLabel(cur)})` : '(in the store’s currency)';
  return (
    <fieldset>
      <legend>In-store sync &amp; offline</legend>
      <p className="field__hint" id="syncToInStore-asked">
        Whether in-store tills get this offer is asked when you save it
        {sync.enabled ? ' (now: yes)' : ' (now: no)'}. Here you choose which stores’ tills.
      </p>
      <OrgRefPicker
        id="syncToInStore.scope"
        legend="Tills that get it when synced"
        value={sync.scope}
        onChange={(scope) => set((d) => ({ ...d, syncToInStore: { ...d.syncToInStore, scope } }))}
        emptyMeans="Every store’s tills (nothing selected)."
        error={err('syncToInStore.scope')}
      />
      <div className="grid-2">
        <SelectField
          id="offlinePolicy.mode"
          label="When a till is offline"
          value={pol.mode}
          options={[
            { value: 'ALLOW', label: 'Redeem within the till’s share of the limits' },
            { value: 'UP_TO_BILL', label: 'Redeem only up to a bill amount' },
            { value: 'ONLINE_ONLY', label: 'Do not redeem offline' },
          ]}
          onChange={(mode) =>
            set((d) => {
              const was = d.offlinePolicy;
              const choices =
                was.mode === 'ONLINE_ONLY'
                  ? { verifiedCodes: false, reclaimAfterGrace: false }
                  : { verifiedCodes: was.verifiedCodes, reclaimAfterGrace: was.reclaimAfterGrace };
              return {
                ...d,
                offlinePolicy:
                  mode === 'UP_TO_BILL'
                    ? { mode, maxBill: '', ...choices }
                    : mode === 'ALLOW'
                      ? { mode, ...choices }
                      : { mode },
              };
            })
          }
        />
        {pol.mode === 'UP_TO_BILL' ? (
          <TextField
            id="offlinePolicy.maxBill"
            label={`Largest bill redeemable offline ${billIn}`}
            inputMode="decimal"
            value={pol.maxBill}
            onChange={(maxBill) =>
              set((d) => ({
                ...d,
                offlinePolicy: { ...pol, mode: 'UP_TO_BILL', maxBill },
              }))
            }
            error={err('offlinePolicy.maxBill')}
          />
        ) : null}
      </div>
      {pol.mode !== 'ONLINE_ONLY' ? (
        <>
          <CheckboxField
            id="offlinePolicy.verifiedCodes"
            label="Offline-verifiable codes: generated codes carry a check, so a till that has not synced since a code was issued can still accept it offline (not for uploaded or common codes)"
            checked={pol.verifiedCodes}
            onChange={(verifiedCodes) =>
              set((d) => ({ ...d, offlinePolicy: { ...pol, verifiedCodes } }))
            }
          />
          <CheckboxField
            id="offlinePolicy.reclaimAfterGrace"
            label="Take back a till's unspent offline allowance after its lease and grace expire, even before the till reports (risk: a sale it made in good faith may then exceed the limit)"
            checked={pol.reclaimAfterGrace}
            onChange={(reclaimAfterGrace) =>
              set((d) => ({ ...d, offlinePolicy: { ...pol, reclaimAfterGrace } }))
            }
          />
        </>
      ) : null}
    </fieldset>
  );
};
