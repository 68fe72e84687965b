import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type ComponentProps } from 'react';
import { Link } from 'react-router';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { CheckboxField, SelectField } from '#renderer/ui/Field';
import { formatCount } from '#renderer/ui/format';
import { countOf } from '#renderer/ui/plain-language';
import { OfferRow, OfferRowHeader } from './OfferRow';
import { RecentActivity } from './RecentActivity';
import { rowAt, useOffersList } from './offers-list-store';
import './offers.css';

const rowHeight = 44;

type RowProps = ComponentProps<typeof OfferRow>;

/**
 * A row re-renders only when its offer or place changes: scrolling adds rows at the edges and
 * a keystroke in the search box changes no row, so neither re-renders the ones on screen.
 */
const VirtualRow = memo(
  OfferRow,
  (a: RowProps, b: RowProps) =>
    a.index === b.index && a.offer === b.offer && a.style.transform === b.style.transform,
);

/** The search box keeps its own text, so typing re-renders it alone (the query follows). */
const SearchField = ({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) => {
  const [search, setSearch] = useState(initial);
  // Search as you type, without a request per keystroke.
  useEffect(() => {
    if (search === useOffersList.getState().query.q) return;
    const t = setTimeout(() => onSearch(search), 250);
    return () => clearTimeout(t);
  }, [search, onSearch]);
  return (
    <div className="field">
      <label htmlFor="offer-search">Search by name</label>
      <input
        id="offer-search"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="e.g. Diwali"
      />
    </div>
  );
};

const searchFor = (q: string) => useOffersList.getState().setQuery({ q });

/**
 * The summary table. Only visible rows are in the DOM and pages of 100 load as they come into
 * view, so 100,000 offers scroll as smoothly as ten.
 */
export const OffersDashboard = () => {
  const { query, pages, total, error, setQuery, ensureRange } = useOffersList();
  const scrollRef = useRef<HTMLDivElement>(null);

  // First visit (or coming back): load page 0 for the current query.
  useEffect(() => {
    useOffersList.getState().refresh();
  }, []);

  const count = total ?? 0;
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= 0) ensureRange(first, last);
  }, [first, last, ensureRange, pages]);

  return (
    <section className="page offers-dashboard">
      <div className="page__header">
        <h1>Offers</h1>
        <Link to="/offers/new" className="button button--primary">
          Create offer
        </Link>
      </div>
      <div className="filters" role="search">
        <SearchField initial={query.q} onSearch={searchFor} />
        <CheckboxField
          id="offer-active-only"
          label="Active offers only"
          checked={query.activeOnly}
          onChange={(activeOnly) => setQuery({ activeOnly })}
        />
        <SelectField
          id="offer-sort"
          label="Sort by"
          value={query.sort}
          options={[
            { value: 'modified', label: 'Last modified' },
            { value: 'created', label: 'Created' },
          ]}
          onChange={(sort) => setQuery({ sort })}
        />
        <p className="muted filters__count" role="status" aria-live="polite">
          {total === null ? 'Loading…' : countOf(total, 'offer', 'offers', formatCount)}
        </p>
      </div>
      <ErrorBanner error={error} />
      <div className="offer-table" role="table" aria-label="Offers" aria-rowcount={count + 1}>
        <OfferRowHeader />
        <div ref={scrollRef} className="offer-table__scroll" data-testid="offers-scroll">
          <div role="rowgroup" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((v) => (
              <VirtualRow
                key={v.key}
                index={v.index}
                offer={rowAt(pages, v.index)}
                style={{ transform: `translateY(${v.start}px)`, height: rowHeight }}
              />
            ))}
          </div>
          {total === 0 ? (
            <p className="offer-table__empty">
              {query.q || query.activeOnly
                ? 'No offers match.'
                : 'No offers yet. Create the first one.'}
            </p>
          ) : null}
        </div>
      </div>
      <RecentActivity />
    </section>
  );
};
