import type { Upload } from '#shared/api/operations/uploads';
import type { SqlRow } from '#shared/sql/port';
import { isoOf, isoOrNull, numOf, strOrNull } from '../shared/values';

export const uploadColumns = /* sql */ `u.id, u.offer_id, u.kind, u.file_name, u.status,
  u.total_rows, u.processed_rows, u.ok_rows, u.error_rows, u.created_at, u.finished_at, u.message`;

export type UploadRow = SqlRow & {
  id: string;
  offer_id: string | null;
  kind: string;
  file_name: string;
  status: string;
  total_rows: unknown;
  processed_rows: unknown;
  ok_rows: unknown;
  error_rows: unknown;
  created_at: unknown;
  finished_at: unknown;
  message: string | null;
};

export function uploadFromRow(row: UploadRow): Upload {
  return {
    id: row.id,
    offerId: row.offer_id,
    kind: row.kind as Upload['kind'],
    fileName: row.file_name,
    status: row.status as Upload['status'],
    totalRows: numOf(row.total_rows),
    processedRows: numOf(row.processed_rows),
    okRows: numOf(row.ok_rows),
    errorRows: numOf(row.error_rows),
    createdAt: isoOf(row.created_at),
    finishedAt: isoOrNull(row.finished_at),
    message: strOrNull(row.message),
  };
}
