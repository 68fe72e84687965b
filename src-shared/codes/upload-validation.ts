import { reason, type Reason } from '../domain/reasons';
import { codeFormatReasons } from './code-rules';
import { normalizeCode } from './normalize';

/**
 * Checks an uploaded list of codes row by row. Every bad row is reported with its row number
 * and each reason; good rows go through (seed: the file is not rejected as a whole).
 *
 * `exists` answers "is this code already in the offer?". It is synchronous so a 1 M-row file
 * stays a tight loop; a host backed by SQL looks the normalized codes up in bulk first (one
 * `= ANY($1)` query per batch) and passes a Set's `has`.
 */
export type UploadValidationOptions = {
  exists?: (code: string) => boolean;
  /** Row number of rows[0], e.g. 2 when a CSV has a header line. */
  firstRow?: number;
  field?: string;
};

export type AcceptedCode = { row: number; code: string };
export type RejectedCode = { row: number; raw: string; reasons: Reason[] };
export type UploadValidation = { accepted: AcceptedCode[]; rejected: RejectedCode[] };

export function validateUploadedCodes(
  rows: readonly string[],
  options: UploadValidationOptions = {},
): UploadValidation {
  const firstRow = options.firstRow ?? 1;
  const field = options.field ?? 'code';
  const firstSeen = new Map<string, number>();
  const accepted: AcceptedCode[] = [];
  const rejected: RejectedCode[] = [];
  rows.forEach((raw, i) => {
    const row = firstRow + i;
    const code = normalizeCode(raw);
    const reasons = codeFormatReasons(code, raw, field);
    if (reasons.length === 0) {
      const earlier = firstSeen.get(code);
      if (earlier !== undefined) {
        reasons.push(
          reason(
            'CODE_DUPLICATE_IN_FILE',
            `Code ${code} already appears in row ${earlier} (codes match regardless of case); remove one of the two rows.`,
            field,
          ),
        );
      } else {
        firstSeen.set(code, row);
        if (options.exists?.(code) === true) {
          reasons.push(
            reason(
              'CODE_EXISTS_IN_OFFER',
              `Code ${code} is already in this offer; remove the row or change the code.`,
              field,
            ),
          );
        }
      }
    }
    if (reasons.length > 0) rejected.push({ row, raw, reasons });
    else accepted.push({ row, code });
  });
  return { accepted, rejected };
}
