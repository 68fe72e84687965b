import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OfferSummary } from '#shared/api/operations/offers';
import { OfferRow, OfferRowHeader, offerStatus } from '#renderer/features/offers/OfferRow';

const offer: OfferSummary = {
  id: 'o1',
  name: 'Diwali 2025',
  offerCode: 'DIWALI',
  discountType: 'PERCENT',
  discountLabel: '10% up to INR 2000.00',
  discountParts: { percent: '10', amount: '2000.00', currency: 'INR' },
  codeMethod: 'UNIQUE_AUTO',
  expiresAt: '2025-11-30T18:29:00.000Z',
  active: true,
  status: 'ACTIVE',
  claimedBy: 'Loyalty: Gold program',
  issuedCount: 12500,
  redeemedCount: 15,
  syncToInStore: true,
  createdAt: '2025-10-01T04:30:00.000Z',
  createdBy: 'asha',
  modifiedAt: '2025-10-02T04:30:00.000Z',
};

const row = (o: OfferSummary | undefined) =>
  renderToStaticMarkup(
    createElement(MemoryRouter, null, createElement(OfferRow, { index: 0, offer: o, style: {} })),
  );

describe('the offers dashboard row', () => {
  it('has a header for each cell, status and issued count included', () => {
    const head = renderToStaticMarkup(createElement(OfferRowHeader));
    const headers = [...head.matchAll(/role="columnheader"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(headers).toEqual([
      'Name',
      'Status',
      'Discount',
      'Expiry',
      'Claimed by',
      'Issued',
      'Redeemed',
      'Created',
      'Actions',
    ]);
    expect(row(offer).match(/role="cell"/g)).toHaveLength(headers.length);
  });

  it('shows the status in words, counts grouped, and who created it when', () => {
    const markup = row(offer);
    expect(markup).toContain('status--ACTIVE">Active<');
    expect(markup).toContain('12,500');
    expect(markup).toContain('by asha');
    expect(markup).toContain('Unique codes');
    expect(markup).toContain('Loyalty: Gold program');
    // No creator on record (a till): the date alone.
    expect(row({ ...offer, createdBy: null })).not.toContain('by ');
  });

  it('words every status', () => {
    expect(Object.values(offerStatus).map((s) => s.label)).toEqual([
      'Not started',
      'Active',
      'Ended',
    ]);
    expect(row({ ...offer, status: 'ENDED', active: false })).toContain('>Ended<');
  });
});
