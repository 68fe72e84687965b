/**
 * Every reason a rule can fail, each a stable code. Codes are API: tills, the UI and
 * integrators branch on them, so never rename one; add new ones.
 */
export type Reason = { code: string; message: string; field?: string };

export type Result<T> = { ok: true; value: T } | { ok: false; reasons: Reason[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...reasons: Reason[]): Result<T> => ({ ok: false, reasons });
export const reason = (code: string, message: string, field?: string): Reason =>
  field === undefined ? { code, message } : { code, message, field };
