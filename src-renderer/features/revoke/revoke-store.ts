import { create } from 'zustand';
import { send } from '#renderer/api/client';
import type { OpInput, OpOutput } from '#shared/api/operations';

export type RevokeMode = OpInput<'coupons-revoke'>['mode'];
export type RevokeOutcome = OpOutput<'coupons-revoke'>;

type RevokeState = {
  result: RevokeOutcome | null;
  busy: boolean;
  error: unknown;
  revoke: (input: OpInput<'coupons-revoke'>) => Promise<RevokeOutcome | null>;
  reset: () => void;
};

export const useRevoke = create<RevokeState>()((set) => ({
  result: null,
  busy: false,
  error: null,
  revoke: async (input) => {
    set({ busy: true, error: null, result: null });
    try {
      const result = await send('coupons-revoke', input);
      set({ result });
      return result;
    } catch (e) {
      set({ error: e });
      return null;
    } finally {
      set({ busy: false });
    }
  },
  reset: () => set({ result: null, error: null, busy: false }),
}));
