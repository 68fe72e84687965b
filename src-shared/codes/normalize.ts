/**
 * Codes are stored and shown uppercase and matched case-insensitively: a cashier typing
 * "test1a2b3" must find TEST1A2B3. Surrounding whitespace (from scanners, CSV cells, copy and
 * paste) is not part of a code.
 */
export function normalizeCode(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Whether two codes as typed denote the same code. */
export function sameCode(a: string, b: string): boolean {
  return normalizeCode(a) === normalizeCode(b);
}
