import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TextField } from '../../ui/Field';
import { useAuth } from './auth-store';
import { homeFor } from './permissions';
import './auth.css';

/** Sign in; the role that comes back decides what the navigation offers. */
export const SignInPage = () => {
  const { user, notice, signIn } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

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
      <form className="sign-in__card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Counterfoil</h1>
        <p className="sign-in__lead">Sign in to the till or back office.</p>
        {notice ? (
          <p className="banner banner--info" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorBanner error={error} />
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
