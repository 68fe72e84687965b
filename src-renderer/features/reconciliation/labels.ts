import type { Resolution } from './reconciliation-store';

export const classificationLabels: Record<string, string> = {
  accepted: 'Accepted',
  duplicate_code: 'Same code redeemed twice',
  over_limit: 'Over a limit',
  revoked_or_expired: 'Revoked or expired',
  lease_overdraft: 'Beyond the till’s offline share',
  lease_reclaimed: 'Sold in good faith; allowance taken back',
  refused: 'Not recorded by the hub',
};

export const resolutionLabels: Record<Resolution, { label: string; hint: string }> = {
  ACCEPT_WRITE_OFF: {
    label: 'Accept and write off',
    hint: 'The discount stands; it is recorded as a loss.',
  },
  REVERSE_REDEMPTION: {
    label: 'Reverse the redemption',
    hint: 'The redemption is reversed and the coupon reinstated.',
  },
  REVOKE_COUPON: {
    label: 'Revoke the coupon',
    hint: 'The redemption stands; the coupon can no longer be used.',
  },
};
