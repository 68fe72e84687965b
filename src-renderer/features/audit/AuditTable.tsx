import { Link } from 'react-router';
import { ZonedTime } from '../../lib/ZonedTime';
import { describeDetails } from './audit-filter';
import type { AuditRow } from './audit-store';

/** Where an entity can be opened in the app; others show their id only. */
const entityLink = (row: AuditRow): string | null =>
  row.entityType === 'offer' ? `/offers/${encodeURIComponent(row.entityId)}` : null;

/** One page of entries, newest first; times in the org's zone (entries belong to no store). */
export const AuditTable = ({ items, zone }: { items: AuditRow[]; zone: string }) => (
  <table className="table table--compact audit-table" data-testid="audit-table">
    <thead>
      <tr>
        <th scope="col">When</th>
        <th scope="col">Actor</th>
        <th scope="col">Action</th>
        <th scope="col">Entity</th>
        <th scope="col">Details</th>
      </tr>
    </thead>
    <tbody>
      {items.map((row) => {
        const link = entityLink(row);
        const details = describeDetails(row.details);
        return (
          <tr key={row.id} data-testid="audit-row">
            <td className="audit-when">
              <ZonedTime iso={row.at} zone={zone} />
            </td>
            <td>{row.actor}</td>
            <td>
              <code>{row.action}</code>
            </td>
            <td>
              <span className="muted">{row.entityType.replace('_', ' ')}</span>{' '}
              {link ? <Link to={link}>{row.entityId}</Link> : <code>{row.entityId}</code>}
            </td>
            <td className="audit-details" title={details}>
              <span className="audit-details__text">{details}</span>
            </td>
          </tr>
        );
      })}
    </tbody>
  </table>
);
