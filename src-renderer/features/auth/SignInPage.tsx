import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { TextField } from '#renderer/ui/Field';
import { useSetup } from '../setup/setup-store';
import { useAuth } from './auth-store';
import { homeFor } from './permissions';
import { SignInError } from './SignInError';
import './auth.css';

/** Sign in; the role that comes back decides what the navigation offers. */
export const SignInPage = () => {
  const { user, notice, signIn } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const setup = useSetup((s) => s.status);
  const loadSetup = useSetup((s) => s.load);

  useEffect(() => {
    void loadSetup();
  }, [loadSetup]);

  if (setup?.firstRun) return <Navigate to="/setup" replace />;
  if (user) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/' ? from : homeFor(user.role)} replace />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <form
        className="sign-in__card"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="sign-in-title"
      >
        <h1 id="sign-in-title">Counterfoil</h1>
        <p className="sign-in__lead">Sign in to the till or back office.</p>
        {notice ? (
          <p className="banner banner--info" role="status">
            {notice}
          </p>
        ) : null}
        {setup && !setup.hasUsers && setup.host === 'hub' ? (
          <p className="banner banner--warn" role="status">
            Nobody can sign in to this hub yet. Where the hub runs, create the first admin with{' '}
            <code>npx counterfoil users create --role admin --username NAME</code>.
          </p>
        ) : null}
        {setup && !setup.hasUsers && setup.hub ? (
          <p className="banner banner--info" role="status">
            This till is still receiving its people from the hub; sign in with your hub account.
          </p>
        ) : null}
        <SignInError error={error} />
        <TextField
          id="username"
          label="Username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          required
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        <button type="submit" className="button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
};
