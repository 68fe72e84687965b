import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '#shared/services/auth/password';
import { constantTimeEqual, sha256Hex } from '#shared/services/auth/bytes';

describe('auth: password hashing', () => {
  it('stores scheme, iterations and a 256-bit PBKDF2 hash, salted per user', async () => {
    const a = await hashPassword('correct horse', 1000);
    const b = await hashPassword('correct horse', 1000);
    expect(a.hash).toMatch(/^pbkdf2-sha256\$1000\$[0-9a-f]{64}$/);
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('uses 600 000 iterations by default', async () => {
    expect((await hashPassword('x')).hash.split('$')[1]).toBe('600000');
  });

  it('matches the RFC 6070-style reference value for PBKDF2-HMAC-SHA256', async () => {
    // Known answer (password "password", salt "salt", 1 iteration, 32 bytes).
    const saltHex = Array.from(new TextEncoder().encode('salt'), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    const stored =
      'pbkdf2-sha256$1$120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b';
    expect(await verifyPassword('password', saltHex, stored)).toBe(true);
    expect(await verifyPassword('Password', saltHex, stored)).toBe(false);
  });

  it('verifies the right password and refuses any other (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        async (pw, other) => {
          const { hash, salt } = await hashPassword(pw, 10);
          expect(await verifyPassword(pw, salt, hash)).toBe(true);
          if (other !== pw) expect(await verifyPassword(other, salt, hash)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses malformed or tampered stored hashes', async () => {
    const { hash, salt } = await hashPassword('pw', 10);
    const [, , digest] = hash.split('$');
    for (const stored of [
      `md5$10$${digest}`,
      `pbkdf2-sha256$abc$${digest}`,
      `pbkdf2-sha256$0$${digest}`,
      `pbkdf2-sha256$11$${digest}`,
      'pbkdf2-sha256$10$',
      '',
    ]) {
      expect(await verifyPassword('pw', salt, stored), stored).toBe(false);
    }
  });

  it('hashes tokens with SHA-256 and compares in constant time', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(constantTimeEqual('abcd', 'abcd')).toBe(true);
    expect(constantTimeEqual('abcd', 'abce')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
