import type { Migration } from '../migration';

/**
 * Reminders and notifications (docs/notifications.md). notification_jobs is both the schedule
 * and the outbox: one row per message that is, or was, to be sent. Its unique key
 * (kind, offer, subject, reminder index, due date) is what makes each reminder go to each
 * recipient at most once, however often the planner runs and however often the hub restarts.
 * notification_attempts logs every hand-over to a provider and its outcome.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'notifications',
  sql: /* sql */ `
CREATE TABLE notification_jobs (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('COUPON_EXPIRY', 'OFFER_EXPIRY', 'ISSUAL_LIMIT', 'RESEND')),
  offer_id text NOT NULL REFERENCES offers (id),
  coupon_id text REFERENCES coupons (id),
  -- Who the key is unique for: the coupon id (customer messages) or the POC's email.
  subject text NOT NULL,
  -- Coupon reminders: index in issuance.expiryReminders; issual alerts: the crossing number;
  -- resends: the resend number; offer reminders: 0.
  reminder_index integer NOT NULL DEFAULT 0,
  -- The recipient's local calendar date the message is due on.
  due_date date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
  status text NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
  due_at timestamptz NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL,
  last_error text,
  skip_reason text,
  -- What the planner decided from (reminder settings, zone, expiry), to re-check after edits.
  plan jsonb NOT NULL,
  offer_version integer NOT NULL,
  -- The message exactly as handed to the provider, filled in when the job is claimed.
  recipient text,
  message_subject text,
  message_text text,
  unicode boolean,
  provider_id text,
  claimed_by text,
  claimed_at timestamptz,
  -- The database's own clock at claim time: stale claims are judged by it, not by the
  -- scheduler's (possibly time-travelling) clock.
  claimed_wall_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX notification_jobs_key
  ON notification_jobs (kind, offer_id, subject, reminder_index, due_date);
CREATE INDEX notification_jobs_due ON notification_jobs (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_jobs_sending ON notification_jobs (claimed_wall_at) WHERE status = 'SENDING';
CREATE INDEX notification_jobs_offer ON notification_jobs (offer_id, due_at DESC);

CREATE TABLE notification_attempts (
  job_id text NOT NULL REFERENCES notification_jobs (id),
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('SENT', 'RETRY', 'FAILED', 'UNKNOWN')),
  provider_id text,
  error text,
  PRIMARY KEY (job_id, attempt)
);

-- Issual-limit alerts: armed until remaining issuable coupons fall to the threshold; re-armed
-- when they rise above it again (the limit was raised).
CREATE TABLE notification_limit_state (
  offer_id text PRIMARY KEY REFERENCES offers (id),
  armed boolean NOT NULL,
  crossings integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);

-- Scheduler bookkeeping (the coupon planner's floor).
CREATE TABLE notification_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- The coupon reminder planner reads coupons expiring within a window, per offer.
CREATE INDEX coupons_offer_expires ON coupons (offer_id, expires_at) WHERE customer_id IS NOT NULL;
`,
};
