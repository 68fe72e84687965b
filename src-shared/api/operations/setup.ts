import { z } from 'zod';
import { defineOperation } from '../define';
import { roles } from '../roles';
import { sessionUser } from './auth';

const people = ['cashier', 'store_manager', 'back_office', 'admin'] as const;

/** Which hub a till follows and which till it is there (null fields: not pulled yet). */
export const followedHub = z.object({
  url: z.string(),
  tillId: z.string().nullable(),
  storeId: z.string().nullable(),
  tillName: z.string().nullable(),
  storeName: z.string().nullable(),
  currency: z.string().nullable(),
});

export const setupStatus = z.object({
  host: z.enum(['till', 'hub']),
  /** Someone can sign in here (or, at a till that follows a hub, will once it has synced). */
  hasUsers: z.boolean(),
  /** A till with nobody to sign in and no hub: the first-run screen, not a sign-in. */
  firstRun: z.boolean(),
  hub: followedHub.nullable(),
});
export type SetupStatus = z.infer<typeof setupStatus>;

const username = z
  .string()
  .regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3–32 of lower-case a–z, 0–9, _ . or -');

/**
 * First run of a till and its link to a hub (docs/sync.md, "enrol from the app"). Only a till
 * can act on them; a hub answers its status and makes its first admin with the CLI, because a
 * hub is reachable from the network and "the first to ask becomes admin" is not safe there.
 */
export const setupOperations = {
  'setup-status': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/setup/status',
    input: z.object({}),
    output: setupStatus,
    roles: ['any'],
    summary: 'First run or not: whether anyone can sign in, and the hub and till this follows',
  }),
  'setup-first-admin': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/setup/first-admin',
    input: z.object({
      username,
      password: z
        .string()
        .min(12, 'must be at least 12 characters')
        .max(1024, 'must be at most 1024 characters'),
    }),
    output: z.object({ token: z.string(), user: sessionUser }),
    roles: ['any'],
    summary:
      'Till with nobody to sign in: create the first admin and sign them in (refused once anyone exists)',
  }),
  'setup-load-demo': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/setup/demo',
    input: z.object({}),
    output: z.object({
      signIns: z.array(
        z.object({ username: z.string(), password: z.string(), role: z.enum(roles) }),
      ),
    }),
    roles: ['any'],
    summary:
      'Till with nobody to sign in and no hub: load the demo data and its published sign-ins',
  }),
  'setup-enrol': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/setup/enrol',
    input: z.object({
      hubUrl: z
        .string()
        .trim()
        .regex(/^https?:\/\/[^\s/]+/, 'must be the hub’s address, like http://192.168.1.10:8700'),
      enrolmentCode: z
        .string()
        .trim()
        .min(6, 'is the code made for this till at the hub, like MQ5NP-HVSKY')
        .max(64),
    }),
    output: setupStatus,
    // 'any' on a fresh till (first run); the handler asks for an admin once anyone exists.
    roles: ['any'],
    summary:
      'Follow a hub with a one-time enrolment code (first run, or an admin re-enrolling); sync starts at once',
  }),
  'setup-leave-hub': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/setup/leave-hub',
    input: z.object({}),
    output: setupStatus,
    roles: ['admin'],
    summary: 'Stop following the hub (refused while sales or changes wait to be sent)',
  }),
  'till-redemption-states': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/till/redemption-states',
    input: z.object({
      tillId: z.string().min(1),
      limit: z.coerce.number().int().min(1).max(200).default(10),
    }),
    output: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          /**
           * pending: waiting at the till; sent: the hub has it, no verdict yet; confirmed: the
           * hub accepted it (or made it online); flagged: the hub found a problem or refused it.
           */
          state: z.enum(['pending', 'sent', 'confirmed', 'flagged']),
          /** The hub's classification (accepted, duplicate_code, …) or 'refused'; null before. */
          verdict: z.string().nullable(),
          /** Why the hub refused to record it, in its words (refused only). */
          message: z.string().nullable(),
        }),
      ),
    }),
    roles: [...people],
    summary:
      'Till: whether each recent redemption is waiting, sent, confirmed or flagged by the hub',
  }),
};
