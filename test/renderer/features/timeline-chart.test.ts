import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { countTicks, niceMax, TimelineChart } from '#renderer/features/offers/TimelineChart';

describe('timeline chart', () => {
  it('labels the count axis with whole numbers only', () => {
    for (const n of [0, 1, 2, 3, 7, 12, 180, 501]) {
      const ticks = countTicks(niceMax(n));
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(n);
    }
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(10)).toEqual([0, 5, 10]);
  });

  it('dates its days with the year, on the axis and in the numbers table', () => {
    const markup = renderToStaticMarkup(
      createElement(TimelineChart, {
        days: [
          { date: '2025-12-31', issued: 3, redeemed: 1 },
          { date: '2026-01-01', issued: 0, redeemed: 2 },
        ],
      }),
    ).replace(/[\u00a0\u202f]/g, ' ');
    expect(markup).toMatch(/31 Dec 2025|Dec 31, 2025/);
    expect(markup).toMatch(/1 Jan 2026|Jan 1, 2026/);
    expect(markup).toContain('aria-label="Issuals and redemptions per day"');
    expect(markup).toContain('<th scope="col" class="num">Issued</th>');
  });
});
