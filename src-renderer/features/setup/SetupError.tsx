import { errorMessage } from '#renderer/api/api-error';

/** The backend's own sentence (it names the field and the fix), under a title for this step. */
export const SetupError = ({ title, error }: { title: string; error: unknown }) =>
  error ? (
    <div className="banner banner--error" role="alert">
      <strong>{title}</strong>
      <p>{errorMessage(error)}</p>
    </div>
  ) : null;
