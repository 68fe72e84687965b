import { useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { send } from '#renderer/api/client';
import { useAuth } from '../auth/auth-store';
import { homeFor, roleLabels } from '../auth/permissions';
import { EnrolForm } from './EnrolForm';
import { FirstAdminForm } from './FirstAdminForm';
import { SetupError } from './SetupError';
import { useSetup } from './setup-store';
import { useAction } from './use-action';
import '../auth/auth.css';
import './setup.css';

type Choice = 'hub' | 'admin' | 'demo';

const choices: { value: Choice; label: string; hint: string }[] = [
  {
    value: 'hub',
    label: 'Connect to the store’s hub',
    hint: 'Offers, people and sales are shared with the hub; keeps selling when it is away.',
  },
  {
    value: 'admin',
    label: 'Standalone: create the first admin',
    hint: 'This till keeps its own offers and people; the admin adds everyone else.',
  },
  {
    value: 'demo',
    label: 'Try the demo',
    hint: 'Sample stores, offers and coupons, with one sign-in per role.',
  },
];

/**
 * What a till with nobody to sign in opens on (never a sign-in that cannot succeed): connect to
 * a hub, create the first admin, or load the demo.
 */
export const FirstRunPage = () => {
  const { status, load } = useSetup();
  const adopt = useAuth((s) => s.adopt);
  const setNotice = useAuth((s) => s.setNotice);
  const navigate = useNavigate();
  const [choice, setChoice] = useState<Choice>('hub');
  const { busy, error, run } = useAction();

  useEffect(() => {
    if (!status) void load();
  }, [status, load]);

  if (!status) return <p className="page">Loading…</p>;
  if (!status.firstRun) return <Navigate to="/sign-in" replace />;

  const loadDemo = () =>
    run(async () => {
      const { signIns } = await send('setup-load-demo', {});
      await load();
      setNotice(
        `Demo loaded. Sign in as ${signIns
          .map((s) => `${roleLabels[s.role]}: ${s.username} / ${s.password}`)
          .join(' · ')}`,
      );
      void navigate('/sign-in', { replace: true });
    });

  return (
    <main className="sign-in" id="main">
      <section className="sign-in__card setup" aria-labelledby="setup-title">
        <h1 id="setup-title">Set up this till</h1>
        <p className="sign-in__lead">Nobody can sign in here yet. How will this till run?</p>
        <fieldset className="setup__choices">
          <legend className="visually-hidden">How this till runs</legend>
          {choices.map((c) => (
            <label key={c.value} className="setup__choice">
              <input
                type="radio"
                name="setup-choice"
                value={c.value}
                checked={choice === c.value}
                onChange={() => setChoice(c.value)}
              />
              <span>
                <strong>{c.label}</strong>
                <span className="muted">{c.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {choice === 'hub' ? (
          <EnrolForm
            submitLabel="Connect"
            onEnrolled={(s) => {
              useSetup.getState().set(s);
              const till = s.hub?.tillId ? ` as till ${s.hub.tillName ?? s.hub.tillId}` : '';
              setNotice(
                `Connected to the hub at ${s.hub?.url ?? ''}${till}. Sign in with your hub account.`,
              );
              void navigate('/sign-in', { replace: true });
            }}
          />
        ) : null}
        {choice === 'admin' ? (
          <FirstAdminForm
            onCreated={(out) => {
              adopt(out.token, out.user);
              void load();
              void navigate(homeFor(out.user.role), { replace: true });
            }}
          />
        ) : null}
        {choice === 'demo' ? (
          <div className="setup-form">
            <p className="banner banner--warn">
              The demo’s passwords are published in the README: never use it for real data.
            </p>
            <SetupError title="The demo was not loaded" error={error} />
            <button
              type="button"
              className="button--primary"
              disabled={busy}
              onClick={() => void loadDemo()}
            >
              {busy ? 'Loading the demo…' : 'Load the demo data'}
            </button>
          </div>
        ) : null}
      </section>
    </main>
  );
};
