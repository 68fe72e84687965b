import { Link } from 'react-router';
import { ZonedTime } from '../../lib/ZonedTime';
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

/** One page of entries, newest first; times in the org's zone (entries belong to no store). */
export const AuditTable = ({ items, zone, nameOf }: Props) => (
  <table className="table table--compact audit-table" data-testid="audit-table">
    <thead>
      <tr>
        <th scope="col">When</th>
        <th scope="col">Who</th>
        <th scope="col">What</th>
        <th scope="col">On</th>
        <th scope="col">Details</th>
      </tr>
    </thead>
    <tbody>
      {items.map((row) => {
        const link = entityLink(row);
        const lines = detailLines(row.details, zone);
        const name = nameOf(row.entityType, row.entityId);
        const label = name ? `“${name}”` : 'one without a name here';
        return (
          <tr key={row.id} data-testid="audit-row">
            <td className="audit-when">
              <ZonedTime iso={row.at} zone={zone} />
            </td>
            <td>{row.actor}</td>
            <td>{actionLabel(row.action)}</td>
            <td>
              <span className="muted">{entityLabel(row.entityType)}</span>{' '}
              {link ? <Link to={link}>{label}</Link> : name ? label : null}
            </td>
            <td className="audit-details">
              {lines.length > 0 ? (
                <ul className="audit-details__list">
                  {lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </td>
          </tr>
        );
      })}
    </tbody>
  </table>
);
