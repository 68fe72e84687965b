import type { Upload } from '../../../src-shared/api/operations/coupons';
import { useTimeZones } from '../../lib/time-zones';
import { ZonedTime } from '../../lib/ZonedTime';
import { formatCount } from '../../ui/format';
import { uploadStatusWords } from '../../ui/plain-language';

const kindLabels: Record<Upload['kind'], string> = {
  CUSTOMERS: 'Customers',
  CODES: 'Codes',
  CODES_WITH_CUSTOMERS: 'Codes with customers',
};

/** Every upload of the offer, newest first, with its issues file where rows failed. */
export const UploadsTable = ({
  items,
  onDownload,
}: {
  items: Upload[];
  onDownload: (u: Upload) => void;
}) => {
  // Uploads are org-wide back-office work: their times are in the org's zone.
  const orgZone = useTimeZones().orgZone;
  return (
    <section className="card" aria-labelledby="uploads-title">
      <h2 id="uploads-title">Uploads</h2>
      {items.length === 0 ? (
        <p className="muted">No uploads yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Kind</th>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col" className="num">
                In
              </th>
              <th scope="col" className="num">
                Issues
              </th>
              <th scope="col">
                <span className="visually-hidden">Download</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.id}>
                <td>{u.fileName}</td>
                <td>{kindLabels[u.kind]}</td>
                <td>
                  <ZonedTime iso={u.createdAt} zone={orgZone} />
                </td>
                <td>
                  <span className={`status status--${u.status}`}>
                    {uploadStatusWords[u.status]}
                  </span>
                  {u.message ? <div className="muted">{u.message}</div> : null}
                </td>
                <td className="num">{formatCount(u.totalRows)}</td>
                <td className="num">{formatCount(u.okRows)}</td>
                <td className="num">{formatCount(u.errorRows)}</td>
                <td>
                  {u.errorRows > 0 ? (
                    <button
                      type="button"
                      onClick={() => onDownload(u)}
                      aria-label={`Download issues of ${u.fileName}`}
                    >
                      Download issues
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
