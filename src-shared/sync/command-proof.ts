import { bytesToHex, constantTimeEqual } from '../services/auth/bytes';

/**
 * Proof of authorship for a back-office change queued at a till (docs/security.md, "offline
 * grants"). The hub gives a person signing in at a till a grant whose secret is
 * HMAC(hub key, grant id): only the hub can re-derive it, and only that till holds it. The till
 * signs each change with it; the hub re-derives the secret and checks the signature, so a
 * device credential alone can never make a change run as a person.
 */

const encoder = new TextEncoder();

const hmacHex = async (keyText: string, message: string): Promise<string> => {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(keyText),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return bytesToHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))));
};

/**
 * JSON with object keys sorted at every level: the till and the hub must hash the same bytes,
 * and the input went through a JSON round trip (and a database's jsonb) in between.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** What a signature covers: everything the hub acts on, so none of it can be swapped. */
export type SignedCommand = {
  id: string;
  op: string;
  input: unknown;
  username: string;
  createdAt: string;
  grantId: string;
};

const message = (c: SignedCommand): string =>
  canonicalJson({
    v: 1,
    id: c.id,
    op: c.op,
    input: c.input ?? {},
    username: c.username,
    createdAt: c.createdAt,
    grantId: c.grantId,
  });

/** The grant's secret: derived, never stored at the hub. */
export const grantSecret = (hubKey: string, grantId: string): Promise<string> =>
  hmacHex(hubKey, `grant:${grantId}`);

export const signCommand = (secret: string, command: SignedCommand): Promise<string> =>
  hmacHex(secret, message(command));

export const verifyCommand = async (
  secret: string,
  command: SignedCommand,
  signature: string,
): Promise<boolean> => constantTimeEqual(await signCommand(secret, command), signature);
