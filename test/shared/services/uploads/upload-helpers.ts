import Papa from 'papaparse';
import type { HandlerContext } from '#shared/api/handlers';
import type { Upload, uploadKind } from '#shared/api/operations/uploads';
import { uploadsHandlers } from '#shared/services/uploads/handlers';
import { whenUploadsIdle } from '#shared/services/uploads/upload-queue';

type Kind = (typeof uploadKind)['options'][number];

/** Uploads through the handler (answered at once), then waits for the background job. */
export async function upload(
  ctx: HandlerContext,
  offerId: string,
  csv: string,
  kind: Kind = 'CUSTOMERS',
): Promise<Upload> {
  const accepted = await uploadsHandlers['uploads-create'](
    { id: offerId, csv, kind, fileName: 'upload.csv' },
    ctx,
  );
  await whenUploadsIdle(ctx.sql);
  return uploadsHandlers['uploads-get']({ id: accepted.id }, ctx);
}

export type IssueLine = {
  row: string;
  identifier: string;
  field: string;
  code: string;
  message: string;
};

/** The issues file as served to the user, parsed back. */
export async function issuesOf(ctx: HandlerContext, uploadId: string): Promise<IssueLine[]> {
  const { csv } = await uploadsHandlers['uploads-issues']({ id: uploadId }, ctx);
  return Papa.parse<IssueLine>(csv, { header: true, skipEmptyLines: true }).data;
}

export const csvOf = (header: string, values: readonly string[]): string =>
  `${header}\n${values.join('\n')}\n`;
