import type { InputIssue } from './input-issues';

// In 'u' mode a well-formed surrogate pair is one code point, so only lone halves match.
const loneSurrogate = /\p{Cs}/u;

/**
 * Why a string cannot be stored as text, or null. PostgreSQL refuses U+0000 in text (which
 * used to surface as a 500), and a lone UTF-16 surrogate (JSON "\ud800") has no UTF-8 form,
 * so drivers silently turn it into U+FFFD: both are the caller's mistake, not ours.
 */
export const badTextReason = (text: string): string | null => {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return `contains a NUL character (U+0000)${lineOf(text, nul)}`;
  if (loneSurrogate.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
};

/** " on line N" for multi-line text such as a CSV body, so the row can be found. */
const lineOf = (text: string, at: number): string => {
  if (!text.includes('\n')) return '';
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line += 1;
  return ` on line ${line}`;
};

const joinPath = (path: string, key: string | number): string =>
  path === '' ? String(key) : `${path}.${key}`;

/**
 * The first string (value or object key) in a JSON-like value that cannot be stored as text,
 * as an input issue naming its path. Iterative, so a deeply nested input cannot overflow the
 * stack; shared subtrees (possible over in-process calls) are walked once.
 */
export const findBadText = (value: unknown): InputIssue | null => {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === 'string') {
      const reason = badTextReason(v);
      if (reason) return { path, message: reason };
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1)
        stack.push({ value: v[i], path: joinPath(path, i) });
      continue;
    }
    for (const key of Object.keys(v).reverse()) {
      const keyReason = badTextReason(key);
      if (keyReason) return { path: joinPath(path, key), message: `field name ${keyReason}` };
      stack.push({ value: (v as Record<string, unknown>)[key], path: joinPath(path, key) });
    }
  }
  return null;
};
