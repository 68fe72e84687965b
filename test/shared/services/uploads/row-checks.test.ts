import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdentifierKind } from '#shared/domain/customer';
import { validateIdentifier } from '#shared/engine/identifier';
import { normalizeIdentifier } from '#shared/services/customers/identifiers';
import { checkIdentifierCell } from '#shared/services/uploads/row-checks';

/** What checkIdentifierCell answered before its shortcut for cells already in normal form. */
function fullPath(kind: IdentifierKind, raw: string) {
  const checked = validateIdentifier(kind, raw);
  if (!checked.ok) return { reasons: checked.reasons };
  return { value: normalizeIdentifier(kind, checked.value) };
}

const cells = fc.oneof(
  fc.stringMatching(/^[+]?[0-9]{0,21}$/),
  fc.stringMatching(/^ ?[+]?[0-9 -]{0,20} ?$/),
  fc.stringMatching(/^[A-Za-z0-9_.:@ -]{0,70}$/),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '0', '١٢٣', '12345678\n', 'abc@example.com', '+919845012345'),
);

describe('checkIdentifierCell', () => {
  it.each(['userId', 'mobile', 'externalId', 'email'] as const)(
    'answers as the full validation does for %s cells',
    (kind) => {
      fc.assert(
        fc.property(cells, (raw) => {
          expect(checkIdentifierCell(kind, raw)).toEqual(fullPath(kind, raw));
        }),
        { numRuns: 2000 },
      );
    },
  );
});
