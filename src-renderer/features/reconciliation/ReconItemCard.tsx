import type { ReactNode } from 'react';
import { orgName, useOrg } from '#renderer/app/org-store';
import { formatMoney } from '#renderer/lib/money-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { Table } from '#renderer/ui/Table';
import { classificationLabels, resolutionLabels } from './labels';
import { useReconciliation, type ReconItem } from './reconciliation-store';
import { ResolveForm } from './ResolveForm';

type Redemption = {
  title: string;
  storeId: string;
  tillId: string;
  at: string;
  discount: string;
  currency: string;
  how: string;
};

type Fact = { label: string; cell: (r: Redemption) => ReactNode };

/** The flagged redemption and the coupon's others, one column each, to decide between them. */
const Comparison = ({ item }: { item: ReconItem }) => {
  const org = useOrg((s) => s.items);
  const zones = useTimeZones();
  const redemptions: Redemption[] = [
    {
      title: 'This redemption',
      storeId: item.storeId,
      tillId: item.tillId,
      at: item.redeemedAt,
      discount: item.discount,
      currency: item.currency,
      how: 'Offline',
    },
    ...item.conflicts.map((c, n) => ({
      title: item.conflicts.length === 1 ? 'The other redemption' : `Other redemption ${n + 1}`,
      storeId: c.storeId,
      tillId: c.tillId,
      at: c.redeemedAt,
      discount: c.discount,
      currency: c.currency,
      how: `${c.offline ? 'Offline' : 'Online'}${c.reversedAt ? ', since reversed' : ''}`,
    })),
  ];
  const facts: Fact[] = [
    { label: 'Store', cell: (c) => orgName(org, c.storeId) },
    { label: 'Till', cell: (c) => orgName(org, c.tillId) },
    { label: 'When', cell: (c) => <ZonedTime iso={c.at} zone={zones.zoneOf(c.storeId)} /> },
    { label: 'Discount given', cell: (c) => formatMoney(c.discount, c.currency) },
    { label: 'Made', cell: (c) => c.how },
  ];
  // Read across: one row per fact, one column per redemption.
  return (
    <Table
      caption={<>Redemptions of {item.code}, side by side</>}
      captionHidden
      compact
      className="recon-compare"
      columns={[
        { header: 'Detail', hideHeader: true, rowHeader: true, cell: (f) => f.label },
        ...redemptions.map((c) => ({ header: c.title, cell: (f: Fact) => f.cell(c) })),
      ]}
      rows={facts}
      rowKey={(f) => f.label}
      empty={null}
    />
  );
};

/** One offline redemption the hub flagged: what happened, why it matters, and the decision. */
export const ReconItemCard = ({ item }: { item: ReconItem }) => {
  const zone = useTimeZones().zoneOf(item.storeId);
  const selected = useReconciliation((s) => s.selected.has(item.id));
  const toggle = useReconciliation((s) => s.toggle);
  const open = item.status === 'OPEN';
  return (
    <article className="card recon-item" aria-labelledby={`recon-${item.id}`}>
      <header className="recon-item__head">
        {open ? (
          <input
            type="checkbox"
            className="recon-item__select"
            checked={selected}
            onChange={(e) => toggle(item.id, e.target.checked)}
            aria-label={`Select ${item.code} (${item.offerName})`}
          />
        ) : null}
        <h2 id={`recon-${item.id}`}>
          <code>{item.code}</code> · {item.offerName}
        </h2>
        <span className={`status status--${open ? 'FAILED' : 'DONE'}`}>
          {classificationLabels[item.classification] ?? 'Needs a decision'}
        </span>
      </header>
      <p>{item.meaning}</p>
      {item.reasons.length > 0 ? (
        <ul className="reasons">
          {item.reasons.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
      ) : null}
      <Comparison item={item} />
      <p className="muted">
        Reached the hub <ZonedTime iso={item.receivedAt} zone={zone} />
      </p>
      {!open && item.resolution ? (
        <p className="banner banner--ok">
          {resolutionLabels[item.resolution].label} by {item.resolvedBy ?? 'someone'} on{' '}
          <ZonedTime iso={item.resolvedAt} zone={zone} />: “{item.resolutionReason}”
        </p>
      ) : (
        <ResolveForm item={item} />
      )}
    </article>
  );
};
