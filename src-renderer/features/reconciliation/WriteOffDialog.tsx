import { useState } from 'react';
import { send } from '#renderer/api/client';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { formatCount } from '#renderer/ui/format';
import { ModalDialog } from '#renderer/ui/ModalDialog';
import type { Lease } from './OverdueLeases';

/** Asks why the till will not report before giving its held units back to the offer. */
export const WriteOffDialog = ({
  lease,
  tillName,
  onCancel,
  onDone,
}: {
  lease: Lease;
  tillName: string;
  onCancel: () => void;
  onDone: (freed: number) => void;
}) => {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    try {
      const out = await send('sync-leases-write-off', { leaseId: lease.id, reason });
      onDone(out.freed);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <ModalDialog
      className="dialog-card write-off-dialog"
      labelledBy="write-off-title"
      describedBy="write-off-what"
      busy={busy}
      onCancel={onCancel}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="write-off-title">Write off {tillName}’s allowance?</h2>
        <p id="write-off-what">
          {formatCount(lease.unspent)} unit{lease.unspent === 1 ? '' : 's'} of {lease.offerName} go
          back to the offer and may be lent or sold again. If the till later reports a sale it made
          before the lease expired, it is kept and marked for reconciliation.
        </p>
        <ErrorBanner error={error} />
        <label htmlFor="write-off-reason">Why will this till not report?</label>
        <textarea
          id="write-off-reason"
          value={reason}
          required
          minLength={3}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Writing off…' : 'Write off'}
          </button>
          <button type="button" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
};
