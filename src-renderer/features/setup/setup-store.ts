import { create } from 'zustand';
import { hasOperation, send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import type { TillContext } from '../till/basket';

export type SetupStatus = OpOutput<'setup-status'>;

type SetupState = {
  status: SetupStatus | null;
  /** Why the status could not be read (the backend is down); screens fall back to sign-in. */
  failed: boolean;
  load: () => Promise<SetupStatus | null>;
  set: (status: SetupStatus) => void;
};

/** First run or not, and which hub and till this app follows (setup-status). */
export const useSetup = create<SetupState>()((set) => ({
  status: null,
  failed: false,
  load: async () => {
    if (!hasOperation('setup-status')) return null;
    try {
      const status = await send('setup-status', {});
      set({ status, failed: false });
      return status;
    } catch {
      set({ failed: true });
      return null;
    }
  },
  set: (status) => set({ status, failed: false }),
}));

/** The till this app is enrolled as, once the hub's org tree has reached it. */
export const enrolledTill = (s: SetupStatus | null): TillContext | null => {
  const h = s?.hub;
  if (!h?.tillId || !h.storeId || !h.tillName || !h.storeName) return null;
  return {
    storeId: h.storeId,
    storeName: h.storeName,
    tillId: h.tillId,
    tillName: h.tillName,
    currency: h.currency,
  };
};
