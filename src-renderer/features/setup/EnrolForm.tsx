import { useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import { TextField } from '#renderer/ui/Field';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import { SetupError } from './SetupError';
import type { SetupStatus } from './setup-store';
import { useAction } from './use-action';

/**
 * Hub address and the one-time enrolment code made for this till at the hub. The code names
 * the till, so nothing else is asked; sync starts as soon as the hub accepts it.
 */
export const EnrolForm = ({
  submitLabel,
  initialUrl = '',
  onEnrolled,
}: {
  submitLabel: string;
  initialUrl?: string;
  onEnrolled: (status: SetupStatus) => void;
}) => {
  const [hubUrl, setHubUrl] = useState(initialUrl);
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const errors = fieldErrorsFromError(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () =>
      onEnrolled(await send('setup-enrol', { hubUrl: hubUrl.trim(), enrolmentCode: code.trim() })),
    );
  };

  return (
    <form className="setup-form" onSubmit={submit} aria-label="Connect to a hub">
      <SetupError title="The till is not connected" error={error} />
      <TextField
        id="hubUrl"
        label="Hub address"
        value={hubUrl}
        onChange={setHubUrl}
        placeholder="http://192.168.1.10:8700"
        inputMode="text"
        hint="The address of the store's hub, as your back office gave it."
        error={errorAt(errors, 'hubUrl')}
        required
      />
      <TextField
        id="enrolmentCode"
        label="Enrolment code"
        value={code}
        onChange={setCode}
        placeholder="MQ5NP-HVSKY"
        hint="Made at the hub for this till; it says which store and till this is. It works once."
        error={errorAt(errors, 'enrolmentCode')}
        required
      />
      <button type="submit" className="button--primary" disabled={busy}>
        {busy ? 'Connecting…' : submitLabel}
      </button>
    </form>
  );
};
