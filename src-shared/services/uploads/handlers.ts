import type { HandlerGroup } from '#shared/api/handlers';
import { createUpload, getUpload, listUploads, uploadIssuesCsv } from './upload-service';

export const uploadsHandlers: HandlerGroup<
  'uploads-create' | 'uploads-list' | 'uploads-get' | 'uploads-issues'
> = {
  'uploads-create': (input, ctx) => createUpload(input, ctx),
  'uploads-list': async (input, ctx) => ({ items: await listUploads(ctx.sql, input.id) }),
  'uploads-get': (input, ctx) => getUpload(ctx.sql, input.id),
  'uploads-issues': async (input, ctx) => ({ csv: await uploadIssuesCsv(ctx.sql, input.id) }),
};
