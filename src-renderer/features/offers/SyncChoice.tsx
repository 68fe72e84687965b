import { orgName, useOrg } from '#renderer/app/org-store';
import type { OfferDraft } from './offer-form-model';

/** Where a synced offer goes, in words: "All stores" or the stores, zones… chosen. */
export const syncPlaces = (
  scope: OfferDraft['syncToInStore']['scope'],
  nameOf: (id: string) => string,
): string => (scope.length ? scope.map((s) => nameOf(s.id)).join(', ') : 'every store');

/**
 * The question asked at every save: do in-store tills get this offer? A synced offer is kept at
 * the tills, so they redeem it while the hub is away; otherwise tills redeem it only online.
 */
export const SyncChoice = ({
  draft,
  onChange,
}: {
  draft: OfferDraft;
  onChange: (enabled: boolean) => void;
}) => {
  const org = useOrg((s) => s.items);
  const on = draft.syncToInStore.enabled;
  const where = syncPlaces(draft.syncToInStore.scope, (id) => orgName(org, id));
  return (
    <fieldset className="sync-choice">
      <legend>In-store tills</legend>
      <div className="field field--check">
        <input
          type="radio"
          id="save-sync-yes"
          name="save-sync"
          checked={on}
          onChange={() => onChange(true)}
          aria-describedby="save-sync-yes-hint"
        />
        <label htmlFor="save-sync-yes">Sync to in-store tills</label>
        <p className="field__hint" id="save-sync-yes-hint">
          The tills of {where} keep the offer and can redeem it while the hub is away.
        </p>
      </div>
      <div className="field field--check">
        <input
          type="radio"
          id="save-sync-no"
          name="save-sync"
          checked={!on}
          onChange={() => onChange(false)}
          aria-describedby="save-sync-no-hint"
        />
        <label htmlFor="save-sync-no">Do not sync</label>
        <p className="field__hint" id="save-sync-no-hint">
          Tills redeem it only while they reach the hub.
        </p>
      </div>
    </fieldset>
  );
};
