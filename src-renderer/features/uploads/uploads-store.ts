import { create } from 'zustand';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import type { Upload } from '#shared/api/operations/uploads';

/** What may be uploaded to an offer (customer changes belong to no offer: member care). */
export type UploadKind = Exclude<Upload['kind'], 'CUSTOMER_UPDATES'>;

type UploadsState = {
  offerId: string | null;
  items: Upload[];
  /** The upload being watched until it finishes. */
  current: Upload | null;
  busy: boolean;
  error: unknown;
  load: (offerId: string) => Promise<void>;
  start: (offerId: string, kind: UploadKind, fileName: string, csv: string) => Promise<void>;
  downloadIssues: (upload: Upload) => Promise<void>;
  clearError: () => void;
};

const pollMs = 400;
export const finished = (u: Upload): boolean => u.status === 'DONE' || u.status === 'FAILED';

/** Percent done, 0–100; a finished upload is always 100. */
export const progressOf = (u: Upload): number =>
  finished(u)
    ? 100
    : u.totalRows > 0
      ? Math.min(100, Math.floor((u.processedRows / u.totalRows) * 100))
      : 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Saves text as a file through a temporary Blob link (works in Electron and in a browser). */
export const saveTextFile = (fileName: string, text: string, type = 'text/csv'): void => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
};

export const useUploads = create<UploadsState>()((set, get) => ({
  offerId: null,
  items: [],
  current: null,
  busy: false,
  error: null,
  load: async (offerId) => {
    if (get().offerId !== offerId) set({ offerId, items: [], current: null, error: null });
    try {
      const r = await send('uploads-list', { id: offerId });
      if (get().offerId === offerId) set({ items: r.items });
    } catch (e) {
      set({ error: e });
    }
  },
  start: async (offerId, kind, fileName, csv) => {
    set({ busy: true, error: null, current: null });
    try {
      let u = await send('uploads-create', { id: offerId, kind, fileName, csv });
      set({ current: u });
      // Poll until the job ends; progress comes from the backend's processed-row count.
      while (!finished(u)) {
        await sleep(pollMs);
        if (get().offerId !== offerId) return;
        u = await send('uploads-get', { id: u.id });
        set({ current: u });
      }
      void recordActivity(
        'upload',
        `Upload ${fileName}: ${u.okRows} rows in, ${u.errorRows} with issues`,
        `/offers/${offerId}/uploads`,
      );
      await get().load(offerId);
    } catch (e) {
      set({ error: e });
    } finally {
      set({ busy: false });
    }
  },
  downloadIssues: async (upload) => {
    try {
      const { csv } = await send('uploads-issues', { id: upload.id });
      const base = upload.fileName.replace(/\.csv$/i, '');
      saveTextFile(`${base}-issues.csv`, csv);
    } catch (e) {
      set({ error: e });
    }
  },
  clearError: () => set({ error: null }),
}));
