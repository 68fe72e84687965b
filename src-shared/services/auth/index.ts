export { authHandlers } from './handlers';
export { ensureUser, type EnsureUserInput } from './ensure-user';
export { createSession, endSession, resolveToken, SESSION_TTL_MS } from './sessions';
export { hashPassword, verifyPassword, DEFAULT_ITERATIONS } from './password';
