import type { z } from 'zod';

/** One field-level problem with a request, as sent in `error.details`. */
export type InputIssue = { path: string; message: string };

type ZodIssue = z.ZodError['issues'][number];

const joinPath = (prefix: readonly PropertyKey[], path: readonly PropertyKey[]): string =>
  [...prefix, ...path].map((p) => String(p)).join('.');

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown => {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
};

const typeCodes = new Set(['invalid_type', 'invalid_value', 'invalid_union']);

/** Zod's default wording is for developers; people reading a till screen need plainer words. */
const plain = (issue: ZodIssue, missing: boolean): string => {
  if (missing && typeCodes.has(issue.code)) return 'is required';
  if (issue.code === 'unrecognized_keys') {
    return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  }
  return issue.message;
};

/**
 * Flattens zod issues into path/message pairs. For a union that matched no branch, the branch
 * with the fewest problems is the one the caller most likely meant, so its issues are shown.
 */
export const toInputIssues = (
  issues: readonly ZodIssue[],
  rawInput: unknown,
  prefix: readonly PropertyKey[] = [],
): InputIssue[] =>
  issues.flatMap((issue): InputIssue[] => {
    const path = [...prefix, ...issue.path];
    const missing = valueAt(rawInput, path) === undefined;
    if (!missing && issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
      if (best.length > 0) return toInputIssues(best, rawInput, path);
    }
    return [{ path: joinPath([], path), message: plain(issue, missing) }];
  });

/** "billAmount: must be a decimal number such as 12.50" — names the first field at fault. */
export const describeIssues = (issues: readonly InputIssue[]): string => {
  const first = issues[0];
  if (!first) return 'invalid input';
  const head = first.path === '' ? first.message : `${first.path}: ${first.message}`;
  return issues.length > 1 ? `${head} (and ${issues.length - 1} more)` : head;
};
