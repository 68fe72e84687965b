import { z } from 'zod';

/**
 * The wire format of the trust boundary between people and devices (docs/security.md):
 * offline grants, device revocation and the facts the hub refused.
 */

// ── offline grants: a person signing in at a till while the hub answers ───────────────
export const grantCreateInput = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export const offlineGrant = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  role: z.enum(['cashier', 'store_manager', 'back_office', 'admin']),
  storeIds: z.array(z.string()).nullable(),
  tillId: z.string(),
  storeId: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
});
export const grantCreateOutput = z.object({
  grant: offlineGrant,
  /** HMAC(hub key, grant id): the till signs this person's queued changes with it. */
  secret: z.string(),
  /**
   * The person's password verifier, so they can sign in here while the hub is unreachable;
   * null when the stored one is weaker than verifiers may be outside the hub.
   */
  verifier: z.object({ passwordHash: z.string(), salt: z.string() }).nullable(),
});

// ── devices ─────────────────────────────────────────────────────────────────────────────
export const deviceView = z.object({
  deviceId: z.string(),
  tillId: z.string(),
  storeId: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export const devicesListInput = z.object({
  storeId: z.string().max(64).optional(),
  includeRevoked: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
});
export const devicesListOutput = z.object({ items: z.array(deviceView) });
export const deviceRevokeInput = z.object({
  tillId: z.string().min(1).max(64),
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000),
});
export const deviceRevokeOutput = z.object({
  tillId: z.string(),
  revokedDevices: z.number().int(),
  revokedGrants: z.number().int(),
});

// ── facts the hub refused ───────────────────────────────────────────────────────────────
export const refusedFact = z.object({
  clientId: z.string(),
  tillId: z.string(),
  storeId: z.string(),
  tillSeq: z.number().int(),
  kind: z.string(),
  outcome: z.enum(['rejected', 'invalid']),
  reasonCode: z.string(),
  reason: z.string(),
  deviceTime: z.string(),
  receivedAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export const refusedFactsInput = z.object({
  storeId: z.string().max(64).optional(),
  tillId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const refusedFactsOutput = z.object({ items: z.array(refusedFact) });
