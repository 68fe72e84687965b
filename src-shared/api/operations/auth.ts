import { z } from 'zod';
import { defineOperation } from '../define';
import { roles } from '../roles';

export const sessionUser = z.object({
  userId: z.string(),
  username: z.string(),
  role: z.enum(roles),
  storeIds: z.array(z.string()).nullable(),
});

/** A person as an admin sees them in the list: never a password hash. */
export const userSummary = sessionUser.extend({
  createdAt: z.string(),
  /** When an admin disabled the person; null while they may sign in. */
  disabledAt: z.string().nullable(),
});

const people = ['cashier', 'store_manager', 'back_office', 'admin'] as const;

export const authOperations = {
  'auth-login': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/auth/login',
    // Bounded so a throttle key or a hash input can never be megabytes long.
    input: z.object({
      username: z.string().min(1).max(64, 'is longer than any username (64 characters)'),
      password: z.string().min(1).max(1024, 'must be at most 1024 characters'),
    }),
    output: z.object({ token: z.string(), user: sessionUser }),
    roles: ['any'],
    summary:
      'Sign in; answers a bearer token. Repeated failures are throttled (429 with Retry-After)',
  }),
  'auth-logout': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/auth/logout',
    input: z.object({}),
    output: z.object({ signedOut: z.boolean() }),
    roles: people,
    summary: 'Sign out: the bearer token of this call stops working at once',
  }),
  'auth-me': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/auth/me',
    input: z.object({}),
    output: sessionUser,
    roles: people,
    summary: 'Who is signed in',
  }),
  'users-create': defineOperation({
    servedBy: 'both',
    atTill: 'refuse',
    tillRefusal:
      'People are added, disabled and enabled at the hub (its back office or API); tills receive them with the next sync',
    method: 'POST',
    path: '/users',
    input: z.object({
      username: z
        .string()
        .regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3–32 of lower-case a–z, 0–9, _ . or -'),
      // Checked again, with the common-password list, by the password policy.
      password: z
        .string()
        .min(
          12,
          'must be at least 12 characters; a phrase of three or four unrelated words is long enough and easy to remember',
        )
        .max(1024, 'must be at most 1024 characters'),
      role: z.enum(roles),
      storeIds: z.array(z.string()).nullable().default(null),
    }),
    output: sessionUser,
    roles: ['admin'],
    summary:
      'Add a person with a role and store scope; the password needs 12+ characters and must not be a common one',
  }),
  'users-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/users',
    input: z.object({}),
    output: z.object({ users: z.array(userSummary) }),
    roles: ['admin'],
    summary: 'Everyone who may sign in, or could again once enabled',
  }),
  'users-disable': defineOperation({
    servedBy: 'both',
    atTill: 'refuse',
    tillRefusal:
      'People are added, disabled and enabled at the hub (its back office or API); tills receive them with the next sync',
    method: 'POST',
    path: '/users/:id/disable',
    input: z.object({ id: z.string().min(1), reason: z.string().max(500).optional() }),
    output: userSummary,
    roles: ['admin'],
    summary: 'Disable a person: every session of theirs ends now and they cannot sign in',
  }),
  'users-enable': defineOperation({
    servedBy: 'both',
    atTill: 'refuse',
    tillRefusal:
      'People are added, disabled and enabled at the hub (its back office or API); tills receive them with the next sync',
    method: 'POST',
    path: '/users/:id/enable',
    input: z.object({ id: z.string().min(1) }),
    output: userSummary,
    roles: ['admin'],
    summary: 'Let a disabled person sign in again',
  }),
};
