import { Link } from 'react-router';
import type { OpOutput } from '#shared/api/operations';
import { formatDiscount } from '#renderer/lib/money-format';
import { formatInstant } from '#renderer/lib/time-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatCount } from '#renderer/ui/format';
import { Table } from '#renderer/ui/Table';

type Held = OpOutput<'claims-list'>['items'][number];

/** The offers one consuming service holds, newest claim first. */
export const HeldOffers = ({ title, items }: { title: string; items: readonly Held[] | null }) => {
  const zone = useTimeZones().orgZone;
  if (items === null) return null;
  return (
    <section className="card" aria-labelledby="claims-held-title">
      <h2 id="claims-held-title">{title}</h2>
      <Table
        label={title}
        rows={items}
        rowKey={(o) => o.id}
        empty="This service holds no offers."
        columns={[
          {
            header: 'Offer',
            rowHeader: true,
            cell: (o) => <Link to={`/offers/${o.id}`}>{o.name}</Link>,
          },
          { header: 'Discount', cell: (o) => formatDiscount(o.discountParts) },
          { header: 'Claimed', cell: (o) => formatInstant(o.claim.claimedAt, zone) },
          { header: 'Status', cell: (o) => (o.active ? 'Active' : 'Not active') },
          { header: 'Issued', numeric: true, cell: (o) => formatCount(o.issuedCount) },
        ]}
      />
    </section>
  );
};
