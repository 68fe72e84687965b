import { useEffect, useState } from 'react';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { formatCount } from '#renderer/ui/format';
import { countOf } from '#renderer/ui/plain-language';
import type { RevokeMode } from './revoke-store';

export type Preview = OpOutput<'coupons-revoke-preview'>;

/**
 * Asks the hub how many coupons the chosen revoke would affect, whenever the choice (or the
 * CSV) changes, so the person confirms a number rather than a description.
 */
export const useRevokePreview = (
  id: string,
  mode: RevokeMode,
  csv: string | null,
  /** Bumped after a revoke, so the count is asked again. */
  generation: number,
) => {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setPreview(null);
    setError(null);
    if (!id || (mode === 'CUSTOMERS' && !csv?.trim())) return;
    let live = true;
    send('coupons-revoke-preview', {
      id,
      mode,
      ...(mode === 'CUSTOMERS' ? { customersCsv: csv ?? '' } : {}),
    })
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id, mode, csv, generation]);
  return { preview, error };
};

export const RevokePreviewNote = ({
  preview,
  error,
  waiting,
}: {
  preview: Preview | null;
  error: unknown;
  waiting: string | null;
}) => {
  if (error) return <ErrorBanner error={error} />;
  if (waiting) return <p className="muted">{waiting}</p>;
  if (!preview) return <p className="muted">Counting the coupons this would affect…</p>;
  const unknown = preview.unknownCustomers.length;
  return (
    <div className="banner banner--warn" role="status" data-testid="revoke-preview">
      <strong>
        {preview.coupons === 0
          ? 'No coupon would be revoked.'
          : `This will revoke ${countOf(preview.coupons, 'coupon', 'coupons', formatCount)}.`}
      </strong>
      {preview.closesIssuance ? <p>The offer will also be closed to further issuance.</p> : null}
      {unknown > 0 ? (
        <p>
          {countOf(unknown, 'row', 'rows', formatCount)} of the CSV name no known customer (first:
          row {preview.unknownCustomers[0]?.row}, {preview.unknownCustomers[0]?.message}).
        </p>
      ) : null}
    </div>
  );
};
