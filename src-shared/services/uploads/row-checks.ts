import { DateTime } from 'luxon';
import { codeFormatReasons } from '#shared/codes/code-rules';
import { normalizeCode } from '#shared/codes/normalize';
import type { IdentifierKind } from '#shared/domain/customer';
import { reason, type Reason } from '#shared/domain/reasons';
import { validateIdentifier } from '#shared/engine/identifier';
import { futureIssuedAtReason } from '#shared/engine/issued-at';
import { identifierLabel, normalizeIdentifier } from '../customers/index';

/** Per-cell checks of an upload row; each failure names the value and the fix. */

/**
 * Cells already in normal form that the kind's schema accepts (domain/customer.ts): for these
 * validateIdentifier returns the cell unchanged, so the zod parse is skipped. Anything else
 * (spaces, dashes, an email, a bad value) takes the full path. A property test holds the two
 * paths equal.
 */
const alreadyValid: Partial<Record<IdentifierKind, RegExp>> = {
  userId: /^\d{1,19}$/,
  mobile: /^\+?\d{8,15}$/,
  externalId: /^[A-Za-z0-9_.:-]{1,64}$/,
};

/** The identifier as looked up in customers (normalized), or the reasons it is invalid. */
export function checkIdentifierCell(
  kind: IdentifierKind,
  raw: string,
): { value: string } | { reasons: Reason[] } {
  if (alreadyValid[kind]?.test(raw)) return { value: raw };
  const checked = validateIdentifier(kind, raw);
  if (!checked.ok) return { reasons: checked.reasons };
  return { value: normalizeIdentifier(kind, checked.value) };
}

/** A row written but holding nothing (a lone `""`, spaces): reported, never skipped. */
export const emptyRowReason = (what: string, field: string): Reason =>
  reason(
    'EMPTY_ROW',
    `This row holds nothing (only "" or spaces); delete the row or fill in its ${what}`,
    field,
  );

export function customerNotFound(kind: IdentifierKind, raw: string): Reason {
  return reason(
    'CUSTOMER_NOT_FOUND',
    `No customer with ${identifierLabel[kind]} "${raw}"; register the customer first or correct the identifier`,
    kind,
  );
}

/**
 * issuedAt of a migrated coupon: an ISO instant with offset ("2024-11-12T10:00:00+05:30") or a
 * date ("2024-11-12", read as the start of that day in `timeZone`); never in the future.
 */
export function checkIssuedAtCell(
  raw: string,
  timeZone: string,
  nowMs: number,
): { value: string } | { reasons: Reason[] } {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const d = isDate
    ? DateTime.fromISO(raw, { zone: timeZone })
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(raw)
      ? DateTime.fromISO(raw, { setZone: true })
      : DateTime.invalid('no offset');
  if (!d.isValid) {
    return {
      reasons: [
        reason(
          'INVALID_ISSUED_AT',
          `issuedAt "${raw}" is not a date-time with offset such as 2024-11-12T10:00:00+05:30, or a date such as 2024-11-12`,
          'issuedAt',
        ),
      ],
    };
  }
  const future = futureIssuedAtReason(raw, d.toMillis(), nowMs);
  if (future !== null) return { reasons: [future] };
  return { value: d.toUTC().toISO() as string };
}

/**
 * An uploaded code cell: format (length, characters), then duplicates earlier in the same file,
 * naming the first row (`seen` spans the whole file, across batches).
 */
export function checkCodeCell(
  raw: string,
  row: number,
  seen: Map<string, number>,
): { value: string } | { reasons: Reason[] } {
  const code = normalizeCode(raw);
  const format = codeFormatReasons(code, raw, 'code');
  if (format.length > 0) return { reasons: format };
  const earlier = seen.get(code);
  if (earlier !== undefined) {
    return {
      reasons: [
        reason(
          'CODE_DUPLICATE_IN_FILE',
          `Code ${code} already appears in row ${earlier} (codes match regardless of case); remove one of the two rows`,
          'code',
        ),
      ],
    };
  }
  seen.set(code, row);
  return { value: code };
}

export const codeExistsInOffer = (code: string): Reason =>
  reason(
    'CODE_EXISTS_IN_OFFER',
    `Code ${code} is already in this offer; remove the row or change the code`,
    'code',
  );
