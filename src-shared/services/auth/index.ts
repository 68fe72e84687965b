export { authHandlers } from './handlers';
export { ensureUser, type EnsureUserInput } from './ensure-user';
export { createUser, type CreateUserInput } from './create-user';
export {
  createSession,
  endSession,
  endUserSessions,
  resolveToken,
  SESSION_TTL_MS,
} from './sessions';
export { hashPassword, verifyPassword, DEFAULT_ITERATIONS } from './password';
export { assertPasswordPolicy, passwordProblem, MIN_PASSWORD_LENGTH } from './password-policy';
