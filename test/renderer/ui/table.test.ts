import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Table, type Column, type TableProps } from '#renderer/ui/Table';

type Row = { id: string; name: string; count: number };
const rows: Row[] = [
  { id: 'a', name: 'Diwali', count: 1200 },
  { id: 'b', name: 'Eid', count: 3 },
];
const name: Column<Row> = { header: 'Name', rowHeader: true, cell: (r) => r.name };
const count: Column<Row> = { header: 'Count', numeric: true, cell: (r) => r.count };
const columns: Column<Row>[] = [
  name,
  count,
  { header: 'Open', hideHeader: true, className: 'x-open', cell: (r) => `open ${r.name}` },
];
const html = (p: TableProps<Row>) => renderToStaticMarkup(createElement(Table<Row>, p));
const base = { columns, rows, rowKey: (r: Row) => r.id, empty: 'Nothing yet.' } as const;

describe('Table', () => {
  it('scopes every header to its column and names the table', () => {
    const markup = html({ ...base, label: 'Offers' });
    expect(markup).toContain('<table class="table" aria-label="Offers">');
    expect(markup.match(/<th scope="col"/g)).toHaveLength(3);
    expect(markup).toContain('<th scope="col" class="num">Count</th>');
    // A hidden header is still read.
    expect(markup).toContain('<span class="visually-hidden">Open</span>');
  });

  it('fills one row per item, with row headers, numbers aligned and cell classes', () => {
    const markup = html({ ...base, label: 'Offers', rowTestId: 'offer' });
    expect(markup.match(/<tr data-testid="offer">/g)).toHaveLength(2);
    expect(markup).toContain('<th scope="row">Diwali</th>');
    expect(markup).toContain('<td class="num">1200</td>');
    expect(markup).toContain('<td class="x-open">open Eid</td>');
  });

  it('uses a caption when given one, hidden only when asked', () => {
    expect(html({ ...base, caption: 'Tills' })).toContain('<caption class="muted">Tills</caption>');
    expect(html({ ...base, caption: 'Side by side', captionHidden: true })).toContain(
      '<caption class="visually-hidden">Side by side</caption>',
    );
  });

  it('says so in words when there are no rows, and nothing while loading', () => {
    expect(html({ ...base, rows: [], label: 'Offers' })).toBe(
      '<p class="muted table__empty">Nothing yet.</p>',
    );
    expect(html({ ...base, rows: [], label: 'Offers', empty: null })).toBe('');
    const kept = html({ ...base, rows: [], label: 'Offers', headerWhenEmpty: true });
    expect(kept).toContain('<th scope="col">Name</th>');
    expect(kept).toContain('Nothing yet.');
  });

  it('leaves out columns the viewer may not use and spans details across the rest', () => {
    const markup = html({
      ...base,
      label: 'Offers',
      columns: [name, false, null, count],
      detail: (r) => (r.id === 'a' ? { id: 'more-a', content: 'More about Diwali' } : null),
    });
    expect(markup.match(/<th scope="col"/g)).toHaveLength(2);
    expect(markup).toContain('<tr id="more-a"><td colSpan="2">More about Diwali</td></tr>');
    expect(markup.match(/<tr/g)).toHaveLength(4);
  });
});
