/**
 * Password hashing with PBKDF2-HMAC-SHA256 through Web Crypto (works in Node, Electron and
 * browsers alike). The stored hash carries its algorithm and iteration count, so the count can
 * be raised later without invalidating existing passwords.
 */
import { bytesToHex, constantTimeEqual, hexToBytes, randomHex } from './bytes';

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
export const DEFAULT_ITERATIONS = 600_000;
const SCHEME = 'pbkdf2-sha256';
const KEY_BITS = 256;

const derive = async (password: string, saltHex: string, iterations: number): Promise<string> => {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', salt: hexToBytes(saltHex), iterations, hash: 'SHA-256' },
    key,
    KEY_BITS,
  );
  return bytesToHex(new Uint8Array(bits));
};

export type PasswordHash = { hash: string; salt: string };

export const hashPassword = async (
  password: string,
  iterations: number = DEFAULT_ITERATIONS,
): Promise<PasswordHash> => {
  const salt = randomHex(16);
  return { hash: `${SCHEME}$${iterations}$${await derive(password, salt, iterations)}`, salt };
};

/** The PBKDF2 iteration count a stored hash was made with; null when it is not ours. */
export const hashIterations = (stored: string): number | null => {
  const [scheme, rounds] = stored.split('$');
  const iterations = Number(rounds);
  return scheme === SCHEME && Number.isSafeInteger(iterations) && iterations >= 1
    ? iterations
    : null;
};

export const verifyPassword = async (
  password: string,
  salt: string,
  stored: string,
): Promise<boolean> => {
  const [scheme, rounds, expected] = stored.split('$');
  const iterations = Number(rounds);
  if (scheme !== SCHEME || !Number.isSafeInteger(iterations) || iterations < 1 || !expected) {
    return false;
  }
  return constantTimeEqual(await derive(password, salt, iterations), expected);
};
