import { useEffect, useState } from 'react';
import { send } from '#renderer/api/client';
import { useOrgZone } from '#renderer/lib/time-zones';
import { CheckboxField } from '#renderer/ui/Field';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { useAction } from './use-action';

/** Admins: what a new offer starts with. Its author still answers the question at each save. */
export const OfferDefaultsCard = () => {
  const ensure = useOrgZone((s) => s.ensure);
  const current = useOrgZone((s) => s.syncToInStoreByDefault);
  const settled = useOrgZone((s) => s.settled);
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    void ensure();
  }, [ensure]);

  const change = (syncToInStoreByDefault: boolean) =>
    run(async () => {
      setSaved(null);
      const s = await send('org-settings-update', { syncToInStoreByDefault });
      useOrgZone.setState({ syncToInStoreByDefault: s.syncToInStoreByDefault });
      setSaved(
        s.syncToInStoreByDefault
          ? 'New offers now start synced to in-store tills.'
          : 'New offers now start not synced to tills.',
      );
    });

  return (
    <section className="card" aria-labelledby="settings-offers">
      <h2 id="settings-offers">New offers</h2>
      <CheckboxField
        id="settings-sync-default"
        label="Sync new offers to in-store tills"
        checked={current}
        disabled={!settled || busy}
        onChange={(on) => void change(on)}
        hint="The answer already chosen when someone saves a new offer; they can still change it there."
      />
      <ErrorBanner error={error} />
      {saved ? (
        <p className="banner banner--ok" role="status">
          {saved}
        </p>
      ) : null}
    </section>
  );
};
