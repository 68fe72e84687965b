import { useEffect, useState } from 'react';
import { send } from '#renderer/api/client';
import { useConnection } from '#renderer/app/connection-store';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { EnrolForm } from './EnrolForm';
import { OfferDefaultsCard } from './OfferDefaultsCard';
import { SetupError } from './SetupError';
import { useSetup } from './setup-store';
import { useAction } from './use-action';
import './setup.css';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Admins: which hub and till this is, how sync stands, and re-enrol or leave. */
export const SettingsPage = () => {
  const { status, load, set } = useSetup();
  const health = useConnection((s) => s.health);
  const check = useConnection((s) => s.check);
  const zones = useTimeZones();
  const [reenrol, setReenrol] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void load();
    void check();
  }, [load, check]);

  if (!status) return <p className="page">Loading settings…</p>;
  if (status.host === 'hub') {
    return (
      <section className="page settings">
        <h1>Settings</h1>
        <p>
          This is the hub. Tills connect to it at <code>{window.location.origin}</code> with an
          enrolment code made for each till.
        </p>
        <OfferDefaultsCard />
      </section>
    );
  }

  const hub = status.hub;
  const zone = zones.zoneOf(hub?.storeId ?? null);
  const leave = () =>
    run(async () => {
      set(await send('setup-leave-hub', {}));
      setConfirmLeave(false);
      setNotice('This till no longer follows a hub. Its offers and people stay as they were.');
      void check();
    });

  return (
    <section className="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {notice ? (
        <p className="banner banner--ok" role="status">
          {notice}
        </p>
      ) : null}
      <SetupError title="Nothing was changed" error={error} />
      <OfferDefaultsCard />
      <section className="card" aria-labelledby="settings-hub">
        <h2 id="settings-hub">Hub and till</h2>
        {hub ? (
          <dl>
            <dt>Hub</dt>
            <dd>
              <code>{hub.url}</code>
            </dd>
            <dt>This till</dt>
            <dd>{hub.tillName ?? 'receiving its details from the hub…'}</dd>
            <dt>Store</dt>
            <dd>{hub.storeName ?? '—'}</dd>
            <dt>Connection</dt>
            <dd data-testid="settings-online">
              {health?.online ? 'Online: the hub answers' : 'Offline: the hub does not answer'}
            </dd>
            <dt>Last contact</dt>
            <dd>
              {health?.lastSuccessAt ? (
                <ZonedTime iso={health.lastSuccessAt} zone={zone} alwaysLabel />
              ) : (
                'never yet'
              )}
            </dd>
            <dt>Waiting to be sent</dt>
            <dd>
              {health
                ? `${plural(health.pendingFacts, 'sale', 'sales')}, ${plural(health.pendingCommands, 'back-office change', 'back-office changes')}`
                : '—'}
            </dd>
            <dt>Refused by the hub</dt>
            <dd>
              {health ? plural(health.refusedFacts, 'sale or change', 'sales or changes') : '—'}
            </dd>
          </dl>
        ) : (
          <p>This till is standalone: it keeps its own offers and people and follows no hub.</p>
        )}
      </section>
      <section className="card" aria-labelledby="settings-change">
        <h2 id="settings-change">{hub ? 'Change the hub link' : 'Connect to a hub'}</h2>
        {hub && !reenrol ? (
          <div className="actions">
            <button type="button" onClick={() => setReenrol(true)}>
              Re-enrol with a new code…
            </button>
            {confirmLeave ? (
              <>
                <span>
                  Stop following the hub? Sales are then no longer sent to it. Nothing waiting may
                  be lost, so this is refused while anything is.
                </span>
                <button
                  type="button"
                  className="button--danger"
                  disabled={busy}
                  onClick={() => void leave()}
                >
                  {busy ? 'Leaving…' : 'Leave the hub'}
                </button>
                <button type="button" onClick={() => setConfirmLeave(false)}>
                  Keep following
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirmLeave(true)}>
                Leave the hub…
              </button>
            )}
          </div>
        ) : (
          <EnrolForm
            submitLabel={hub ? 'Re-enrol' : 'Connect'}
            initialUrl={hub?.url ?? ''}
            onEnrolled={(s) => {
              set(s);
              setReenrol(false);
              setNotice(
                `This till now follows the hub at ${s.hub?.url ?? ''}. People sign in with their hub accounts.`,
              );
              void check();
            }}
          />
        )}
      </section>
    </section>
  );
};
