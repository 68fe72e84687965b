import { ApiClientError, errorMessage } from '#renderer/api/api-error';

/** A title for each way sign-in fails; the backend's sentence says who and what to do. */
const titleOf = (error: unknown): string => {
  if (!(error instanceof ApiClientError)) return 'Could not sign in';
  switch (error.code) {
    case 'FORBIDDEN':
      return 'You cannot sign in here';
    case 'UNAUTHENTICATED':
      return 'Username or password is incorrect';
    case 'RATE_LIMITED':
      return 'Too many attempts';
    case 'INVALID_INPUT':
      return 'Enter your username and password';
    case 'UNAVAILABLE':
      return 'The till’s service cannot be reached';
    default:
      return 'Could not sign in';
  }
};

/**
 * Sign-in refusals in plain words: a person who exists but works at another store, or has no
 * offline pass for this till, reads that rather than "your role may not do this".
 */
export const SignInError = ({ error }: { error: unknown }) => {
  if (!error) return null;
  const message = errorMessage(error);
  const title = titleOf(error);
  return (
    <div className="banner banner--error" role="alert" data-testid="sign-in-error">
      <strong>{title}</strong>
      {message && message.toLowerCase() !== title.toLowerCase() ? <p>{message}</p> : null}
    </div>
  );
};
