import { Link } from 'react-router';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { Table, type Column } from '#renderer/ui/Table';
import { actionLabel, detailLines, entityLabel } from './audit-words';
import type { AuditRow } from './audit-store';

/** Where an entity can be opened in the app; others are named only. */
const entityLink = (row: AuditRow): string | null =>
  row.entityType === 'offer' ? `/offers/${encodeURIComponent(row.entityId)}` : null;

type Props = {
  items: AuditRow[];
  zone: string;
  /** The name of an offer, store, till…; null where there is none to show. */
  nameOf: (type: string, id: string) => string | null;
};

const On = ({ row, nameOf }: { row: AuditRow; nameOf: Props['nameOf'] }) => {
  const link = entityLink(row);
  const name = nameOf(row.entityType, row.entityId);
  const label = name ? `“${name}”` : 'one without a name here';
  return (
    <>
      <span className="muted">{entityLabel(row.entityType)}</span>{' '}
      {link ? <Link to={link}>{label}</Link> : name ? label : null}
    </>
  );
};

const Details = ({ row, zone }: { row: AuditRow; zone: string }) => {
  const lines = detailLines(row.details, zone);
  return lines.length > 0 ? (
    <ul className="audit-details__list">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  ) : (
    '—'
  );
};

/** One page of entries, newest first; times in the org's zone (entries belong to no store). */
export const AuditTable = ({ items, zone, nameOf }: Props) => {
  const columns: Column<AuditRow>[] = [
    {
      header: 'When',
      className: 'audit-when',
      cell: (row) => <ZonedTime iso={row.at} zone={zone} />,
    },
    { header: 'Who', cell: (row) => row.actor },
    { header: 'What', cell: (row) => actionLabel(row.action) },
    { header: 'On', cell: (row) => <On row={row} nameOf={nameOf} /> },
    {
      header: 'Details',
      className: 'audit-details',
      cell: (row) => <Details row={row} zone={zone} />,
    },
  ];
  return (
    <Table
      label="Audit trail entries"
      compact
      className="audit-table"
      testId="audit-table"
      rowTestId="audit-row"
      columns={columns}
      rows={items}
      rowKey={(row) => row.id}
      empty="No entries match."
    />
  );
};
