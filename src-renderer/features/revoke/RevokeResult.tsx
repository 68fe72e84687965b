import { formatCount } from '#renderer/ui/format';
import { Table, type Column } from '#renderer/ui/Table';
import type { RevokeOutcome } from './revoke-store';

const shownCodes = 50;

type Unknown = RevokeOutcome['unknownCustomers'][number];

const unknownColumns: Column<Unknown>[] = [
  { header: 'Row', cell: (u) => u.row },
  { header: 'Identifier', cell: (u) => u.identifier },
  { header: 'Reason', cell: (u) => u.message },
];

/** How many coupons were revoked, which, and which customers in the file were not found. */
export const RevokeResult = ({ result }: { result: RevokeOutcome }) => (
  <section className="card" aria-labelledby="revoke-result-title" data-testid="revoke-result">
    <h2 id="revoke-result-title" aria-live="polite">
      {formatCount(result.revoked)} coupon{result.revoked === 1 ? '' : 's'} revoked
    </h2>
    {result.issuanceClosedAt ? (
      <p role="status">
        The offer makes its codes when it issues them: it is now closed to further issuance.
      </p>
    ) : null}
    {result.codes.length > 0 ? (
      <details>
        <summary>
          Revoked codes
          {result.codes.length > shownCodes
            ? ` (first ${shownCodes} of ${formatCount(result.codes.length)})`
            : ''}
        </summary>
        <p className="code-list">
          {result.codes.slice(0, shownCodes).map((c) => (
            <code key={c}>{c}</code>
          ))}
        </p>
      </details>
    ) : null}
    {result.unknownCustomers.length > 0 ? (
      <>
        <h3>Rows not applied ({formatCount(result.unknownCustomers.length)})</h3>
        <Table
          label="Rows not applied"
          columns={unknownColumns}
          rows={result.unknownCustomers}
          rowKey={(u) => `${u.row}:${u.identifier}`}
          empty={null}
        />
      </>
    ) : null}
  </section>
);
