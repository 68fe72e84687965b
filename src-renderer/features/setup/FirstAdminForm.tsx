import { useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import { TextField } from '#renderer/ui/Field';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import { SetupError } from './SetupError';
import { useAction } from './use-action';

type Signed = OpOutput<'setup-first-admin'>;

/** The till's first admin: the same rules as adding anyone (12+ characters, not a common one). */
export const FirstAdminForm = ({ onCreated }: { onCreated: (out: Signed) => void }) => {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useAction();
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrorsFromError(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== again);
    if (password !== again) return;
    void run(async () =>
      onCreated(await send('setup-first-admin', { username: username.trim(), password })),
    );
  };

  return (
    <form className="setup-form" onSubmit={submit} aria-label="Create the first admin">
      <SetupError title="The admin was not created" error={error} />
      <TextField
        id="username"
        label="Admin username"
        value={username}
        onChange={setUsername}
        autoComplete="username"
        hint="3–32 lower-case letters, digits, dots, dashes or underscores."
        error={errorAt(errors, 'username')}
        required
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        hint="At least 12 characters and not a common password; a phrase of unrelated words works well."
        error={errorAt(errors, 'password')}
        required
      />
      <TextField
        id="password-again"
        label="Password again"
        type="password"
        value={again}
        onChange={setAgain}
        autoComplete="new-password"
        error={
          mismatch ? 'does not match the password above; type the same password twice' : undefined
        }
        required
      />
      <button type="submit" className="button--primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create admin and sign in'}
      </button>
    </form>
  );
};
