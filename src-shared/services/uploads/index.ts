// What hosts and other services use from uploads: start-up resume, running or awaiting jobs
// (tests, tools), queueing an upload, and the CSV helpers.
export { copyField, type CopyValue } from './copy-csv';
export { cell, readColumns } from './csv-columns';
export { forEachCsvChunk, isBlankRow, isEmptyRow, markEmptyLines, toCsv } from './csv-stream';
export { uploadsHandlers } from './handlers';
export { processUpload, UPLOAD_BATCH_ROWS, uploadBatchRows } from './upload-job';
export {
  enqueueUpload,
  nameUploadRunner,
  resumeUploads,
  stopUploads,
  whenUploadsIdle,
} from './upload-queue';
export { listCustomerUpdateUploads, queueUpload } from './upload-service';
