import type { Upload } from '#shared/api/operations/uploads';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { formatCount } from '#renderer/ui/format';
import { uploadStatusWords } from '#renderer/ui/plain-language';
import { Table, type Column } from '#renderer/ui/Table';

const kindLabels: Record<Upload['kind'], string> = {
  CUSTOMERS: 'Customers',
  CODES: 'Codes',
  CODES_WITH_CUSTOMERS: 'Codes with customers',
  AUDIENCE: 'Customer list',
  CUSTOMER_UPDATES: 'Customer changes',
};

const columns = (zone: string, onDownload: (u: Upload) => void): Column<Upload>[] => [
  { header: 'File', cell: (u) => u.fileName },
  { header: 'Kind', cell: (u) => kindLabels[u.kind] },
  { header: 'Started', cell: (u) => <ZonedTime iso={u.createdAt} zone={zone} /> },
  {
    header: 'Status',
    cell: (u) => (
      <>
        <span className={`status status--${u.status}`}>{uploadStatusWords[u.status]}</span>
        {u.message ? <div className="muted">{u.message}</div> : null}
      </>
    ),
  },
  { header: 'Rows', numeric: true, cell: (u) => formatCount(u.totalRows) },
  { header: 'In', numeric: true, cell: (u) => formatCount(u.okRows) },
  { header: 'Issues', numeric: true, cell: (u) => formatCount(u.errorRows) },
  {
    header: 'Download',
    hideHeader: true,
    cell: (u) =>
      u.errorRows > 0 ? (
        <button
          type="button"
          onClick={() => onDownload(u)}
          aria-label={`Download issues of ${u.fileName}`}
        >
          Download issues
        </button>
      ) : null,
  },
];

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
      <Table
        label="Uploads"
        columns={columns(orgZone, onDownload)}
        rows={items}
        rowKey={(u) => u.id}
        empty="No uploads yet."
      />
    </section>
  );
};
