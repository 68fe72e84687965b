import type { SummarySection } from './offer-summary';

/** One line of the summary, and what it said before the edit where that differs. */
export type ComparedRow = { label: string; value: string; was: string | null };
export type ComparedSection = { title: string; rows: ComparedRow[]; changed: number };

/**
 * The summary of the edited offer beside the saved one's: each line that reads differently
 * carries its old words, so the preview can show what this save changes. With no saved offer
 * (a new one) nothing is marked.
 */
export const compareSummaries = (
  after: readonly SummarySection[],
  before: readonly SummarySection[] | null,
): ComparedSection[] => {
  const old = new Map<string, string>();
  for (const s of before ?? [])
    for (const [label, value] of s.rows) old.set(`${s.title}\u0000${label}`, value);
  return after.map((s) => {
    const rows = s.rows.map(([label, value]) => {
      const was = before === null ? undefined : old.get(`${s.title}\u0000${label}`);
      return { label, value, was: was !== undefined && was !== value ? was : null };
    });
    return { title: s.title, rows, changed: rows.filter((r) => r.was !== null).length };
  });
};

/** "2 settings changed" / "Nothing changed", for the preview's heading. */
export const changeCount = (sections: readonly ComparedSection[]): string => {
  const n = sections.reduce((a, s) => a + s.changed, 0);
  return n === 0 ? 'Nothing changed yet' : `${n} ${n === 1 ? 'setting' : 'settings'} changed`;
};
