import { z } from 'zod';
import { defineOperation } from '../define';
import { csvText, idParam } from './common';

/**
 * What a file holds: customers to issue to (with codes, for an offer of uploaded codes), codes
 * alone, or the offer's customer list ("issue to specific customers only").
 */
export const uploadKind = z.enum(['CUSTOMERS', 'CODES', 'CODES_WITH_CUSTOMERS', 'AUDIENCE']);
/** Every kind an upload may be: an offer's, or a file of customer updates (no offer). */
export const anyUploadKind = z.enum([...uploadKind.options, 'CUSTOMER_UPDATES']);
export const upload = z.object({
  id: z.string(),
  /** Null for customer updates, which belong to no offer. */
  offerId: z.string().nullable(),
  kind: anyUploadKind,
  fileName: z.string(),
  status: z.enum(['QUEUED', 'RUNNING', 'DONE', 'FAILED']),
  totalRows: z.number(),
  processedRows: z.number(),
  okRows: z.number(),
  errorRows: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
});
export type Upload = z.infer<typeof upload>;

export const uploadsOperations = {
  'uploads-create': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/uploads',
    body: 'csv',
    input: csvText.extend({
      id: z.string(),
      kind: uploadKind.default('CUSTOMERS'),
      fileName: z.string().default('upload.csv'),
    }),
    output: upload,
    roles: ['back_office', 'admin'],
    summary:
      'Upload a CSV of customers to issue to, codes, or the offer\u2019s customer list; runs as a job with progress',
  }),
  'uploads-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/offers/:id/uploads',
    input: idParam,
    output: z.object({ items: z.array(upload) }),
    roles: ['back_office', 'admin'],
    summary: 'Uploads of an offer, newest first',
  }),
  'uploads-get': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/uploads/:id',
    input: idParam,
    output: upload,
    roles: ['back_office', 'admin'],
    summary: 'Status and progress of one upload',
  }),
  'uploads-issues': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/uploads/:id/issues.csv',
    input: idParam,
    output: csvText,
    response: 'csv',
    roles: ['back_office', 'admin'],
    summary: 'The rows that failed: row number, identifier, field and reason',
  }),
};
