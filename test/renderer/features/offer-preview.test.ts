import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultDraft, type OfferDraft } from '#renderer/features/offers/offer-form-model';
import type { SummarySection } from '#renderer/features/offers/offer-summary';
import { OfferSummaryView } from '#renderer/features/offers/OfferSummaryView';
import { SyncChoice, syncPlaces } from '#renderer/features/offers/SyncChoice';
import { changeCount, compareSummaries } from '#renderer/features/offers/summary-changes';

const base = defaultDraft(new Date('2025-03-10T06:30:00Z'));
const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);

describe('the edit preview marks what the save changes', () => {
  const before: SummarySection[] = [
    {
      title: 'Discount',
      rows: [
        ['Discount', '₹100.00 off'],
        ['Sale items', 'Excluded'],
      ],
    },
    { title: 'Redemption', rows: [['Code limit', 'No limit']] },
  ];

  it('keeps the old words of each changed line and counts them', () => {
    const after: SummarySection[] = [
      {
        title: 'Discount',
        rows: [
          ['Discount', '₹150.00 off'],
          ['Sale items', 'Excluded'],
        ],
      },
      { title: 'Redemption', rows: [['Code limit', '5']] },
    ];
    const compared = compareSummaries(after, before);
    expect(compared[0]?.rows).toEqual([
      { label: 'Discount', value: '₹150.00 off', was: '₹100.00 off' },
      { label: 'Sale items', value: 'Excluded', was: null },
    ]);
    expect(compared.map((s) => s.changed)).toEqual([1, 1]);
    expect(changeCount(compared)).toBe('2 settings changed');
  });

  it('marks nothing for a new offer, and says so when an edit changes nothing', () => {
    expect(compareSummaries(before, null).every((s) => s.changed === 0)).toBe(true);
    expect(changeCount(compareSummaries(before, before))).toBe('Nothing changed yet');
  });

  it('renders changed lines marked, with what they were', () => {
    const edited: OfferDraft = { ...base, name: 'Diwali 2025' };
    const markup = html(
      createElement(OfferSummaryView, { draft: edited, before: { ...base, name: 'Diwali' } }),
    );
    expect(markup).toContain('1 setting changed');
    expect(markup).toContain('facts__row--changed');
    expect(markup).toContain('<mark>Diwali 2025</mark>');
    expect(markup).toContain('was Diwali');
    // The configuration tab (no saved offer to compare) marks nothing.
    const plain = html(createElement(OfferSummaryView, { draft: edited }));
    expect(plain).not.toContain('changed');
  });
});

describe('the sync question asked at save', () => {
  it('preselects the draft’s answer and names where a synced offer goes', () => {
    const on = html(
      createElement(SyncChoice, {
        draft: { ...base, syncToInStore: { enabled: true, scope: [] } },
        onChange: () => undefined,
      }),
    );
    expect(on).toMatch(/id="save-sync-yes"[^>]*checked=""/);
    expect(on).toContain('The tills of every store keep the offer');
    const off = html(createElement(SyncChoice, { draft: base, onChange: () => undefined }));
    expect(off).toMatch(/id="save-sync-no"[^>]*checked=""/);
  });

  it('names the chosen places by name', () => {
    expect(
      syncPlaces(
        [
          { type: 'STORE', id: 'S-DEL' },
          { type: 'ZONE', id: 'Z-N' },
        ],
        (id) => ({ 'S-DEL': 'Delhi CP', 'Z-N': 'North' })[id] ?? id,
      ),
    ).toBe('Delhi CP, North');
  });
});
