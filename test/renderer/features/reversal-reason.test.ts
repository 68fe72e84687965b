import { describe, expect, it } from 'vitest';
import { reversalReason } from '#renderer/features/till/ReverseDialog';

describe('the reason a reversal records', () => {
  it('is the preset, followed by the cashier’s words when there are any', () => {
    expect(reversalReason('Wrong customer', '')).toBe('Wrong customer');
    expect(reversalReason('Wrong customer', '  card of her husband ')).toBe(
      'Wrong customer: card of her husband',
    );
  });

  it('is the words alone for Other or no preset, and empty when nothing is given', () => {
    expect(reversalReason('Other', 'manager asked')).toBe('manager asked');
    expect(reversalReason('', 'typed only')).toBe('typed only');
    expect(reversalReason('Other', '   ')).toBe('');
    expect(reversalReason('', '')).toBe('');
  });
});
