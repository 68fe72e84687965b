import { create } from 'zustand';
import { send } from '../../api/client';
import { recordActivity } from '../../db/local-db';
import type { OpInput, OpOutput } from '../../../src-shared/api/operations';

type Offer = OpOutput<'offers-get'>['offer'];

type ClaimsState = {
  offer: Offer | null;
  busy: boolean;
  error: unknown;
  claimed: OpOutput<'offers-claim'> | null;
  load: (id: string) => Promise<void>;
  claim: (input: OpInput<'offers-claim'>) => Promise<void>;
};

export const useClaims = create<ClaimsState>()((set, get) => ({
  offer: null,
  busy: false,
  error: null,
  claimed: null,
  load: async (id) => {
    set({ offer: null, error: null, claimed: null });
    try {
      set({ offer: (await send('offers-get', { id })).offer });
    } catch (e) {
      set({ error: e });
    }
  },
  claim: async (input) => {
    set({ busy: true, error: null, claimed: null });
    try {
      const claimed = await send('offers-claim', input);
      set({ claimed });
      void recordActivity(
        'claim',
        `Claimed ${get().offer?.name ?? input.id} for ${claimed.consumerName}`,
        `/offers/${input.id}`,
      );
      await get()
        .load(input.id)
        .then(() => set({ claimed }));
    } catch (e) {
      set({ error: e });
    } finally {
      set({ busy: false });
    }
  },
}));
