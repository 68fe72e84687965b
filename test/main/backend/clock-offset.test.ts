import { describe, expect, it } from 'vitest';
import { BackendArgsError, parseBackendArgs } from '#main/backend/args';

describe('counterfoil till --clock-offset-days', () => {
  it('runs the till N days ahead (or behind)', () => {
    const ahead = parseBackendArgs(['--data', 'x', '--clock-offset-days', '3']).clock?.();
    expect((ahead?.getTime() ?? 0) - Date.now()).toBeGreaterThan(3 * 86_400_000 - 5_000);
    const behind = parseBackendArgs(['--data', 'x', '--clock-offset-days=-2']).clock?.();
    expect(Date.now() - (behind?.getTime() ?? 0)).toBeGreaterThan(2 * 86_400_000 - 5_000);
    expect(parseBackendArgs(['--data', 'x']).clock).toBeUndefined();
  });

  it('refuses anything but a whole number of days, saying so', () => {
    expect(() => parseBackendArgs(['--data', 'x', '--clock-offset-days', '1.5'])).toThrow(
      BackendArgsError,
    );
    expect(() => parseBackendArgs(['--data', 'x', '--clock-offset-days', '9999'])).toThrow(
      /--clock-offset-days must be a whole number from -3650 to 3650, got "9999"/,
    );
  });
});
