// What other services use from auth: import it from here, not from its files.
export { constantTimeEqual, randomHex, sha256Hex, type Sha256Hex } from './bytes';
export { createUser, type CreateUserInput } from './create-user';
export { ensureUser, type EnsureUserInput } from './ensure-user';
export { authHandlers } from './handlers';
export {
  DEFAULT_ITERATIONS,
  hashIterations,
  hashPassword,
  type PasswordHash,
  verifyPassword,
} from './password';
export { assertPasswordPolicy, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';
export {
  createSession,
  endSession,
  endUserSessions,
  resolveToken,
  SESSION_TTL_MS,
} from './sessions';
export { authenticate } from './sign-in';
export { findUserById, insertUser, toPrincipal, toSessionUser } from './users';
