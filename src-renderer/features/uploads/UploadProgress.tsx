import type { Upload } from '#shared/api/operations/uploads';
import { formatCount } from '#renderer/ui/format';
import { finished, progressOf } from './uploads-store';
import { uploadStatusWords } from '#renderer/ui/plain-language';

/** The running upload: a progress bar, then its outcome. */
export const UploadProgress = ({
  upload: u,
  onDownload,
}: {
  upload: Upload;
  onDownload: () => void;
}) => {
  const pct = progressOf(u);
  return (
    <section
      className="card upload-progress"
      aria-labelledby="upload-progress-title"
      data-testid="upload-progress"
    >
      <h2 id="upload-progress-title">
        {u.fileName} ·{' '}
        <span className={`status status--${u.status}`}>{uploadStatusWords[u.status]}</span>
      </h2>
      <label htmlFor="upload-progress-bar" className="visually-hidden">
        Upload progress
      </label>
      <progress id="upload-progress-bar" max={100} value={pct} aria-valuetext={`${pct}%`} />
      <p role="status" aria-live="polite">
        {formatCount(u.processedRows)} of {formatCount(u.totalRows)} rows processed ·{' '}
        <strong>{formatCount(u.okRows)}</strong> in · <strong>{formatCount(u.errorRows)}</strong>{' '}
        with issues
      </p>
      {u.message ? (
        <p className={u.status === 'FAILED' ? 'field__error' : 'muted'}>{u.message}</p>
      ) : null}
      {finished(u) && u.errorRows > 0 ? (
        <button type="button" onClick={onDownload}>
          Download issues
        </button>
      ) : null}
    </section>
  );
};
