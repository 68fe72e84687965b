import { describe, expect, it } from 'vitest';
import { validateIdentifier } from '../../../src-shared/engine';

describe('validateIdentifier', () => {
  it.each([
    ['userId', ' 12345 ', '12345'],
    ['email', '  Asha.Rao@Example.COM ', 'asha.rao@example.com'],
    ['mobile', '+91 98450 12345', '+919845012345'],
    ['mobile', '212-555-0100', '2125550100'],
    ['externalId', ' crm:ABC-9 ', 'crm:ABC-9'],
  ] as const)('normalises a valid %s %j', (kind, value, expected) => {
    expect(validateIdentifier(kind, value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['userId', 'u123', 'Invalid user ID "u123": user id must be digits only'],
    ['email', 'x', 'Invalid email ID "x": email is not a valid address'],
    ['mobile', '12ab', 'Invalid mobile number "12ab": mobile must be 8–15 digits'],
    ['externalId', 'a b', 'Invalid external ID "a b": external id must be'],
    ['email', '   ', 'Invalid email ID "": it is empty'],
  ] as const)('rejects a bad %s %j with a message naming it', (kind, value, message) => {
    const r = validateIdentifier(kind, value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasons).toHaveLength(1);
      expect(r.reasons[0]).toMatchObject({ code: 'INVALID_IDENTIFIER', field: kind });
      expect(r.reasons[0]?.message.startsWith(message)).toBe(true);
    }
  });
});
