// What hosts need from uploads: start-up resume, and (tests, tools) running or awaiting jobs.
export { processUpload, UPLOAD_BATCH_ROWS, uploadBatchRows } from './upload-job';
export {
  enqueueUpload,
  nameUploadRunner,
  resumeUploads,
  stopUploads,
  whenUploadsIdle,
} from './upload-queue';
export { uploadsHandlers } from './handlers';
