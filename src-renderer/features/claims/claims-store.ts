import { create } from 'zustand';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import type { OpInput, OpOutput } from '#shared/api/operations';

type Offer = OpOutput<'offers-get'>['offer'];
type Held = OpOutput<'claims-list'>['items'];
type Claim = OpOutput<'offers-claim'>;

type ClaimsState = {
  offer: Offer | null;
  busy: boolean;
  error: unknown;
  claimed: Claim | null;
  released: Claim | null;
  /** The offers the service named on the form (or holding this offer) holds. */
  held: Held | null;
  load: (id: string) => Promise<void>;
  claim: (input: OpInput<'offers-claim'>) => Promise<void>;
  release: (input: OpInput<'offers-claim-release'>) => Promise<void>;
  loadHeld: (consumer: OpInput<'claims-list'>) => Promise<void>;
};

export const useClaims = create<ClaimsState>()((set, get) => ({
  offer: null,
  busy: false,
  error: null,
  claimed: null,
  released: null,
  held: null,
  load: async (id) => {
    set({ offer: null, error: null, claimed: null, released: null });
    try {
      set({ offer: (await send('offers-get', { id })).offer });
    } catch (e) {
      set({ error: e });
    }
  },
  claim: async (input) => {
    set({ busy: true, error: null, claimed: null, released: null });
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
      await get().loadHeld({ consumerType: input.consumerType, consumerId: input.consumerId });
    } catch (e) {
      set({ error: e });
    } finally {
      set({ busy: false });
    }
  },
  release: async (input) => {
    set({ busy: true, error: null, claimed: null, released: null });
    try {
      const { released } = await send('offers-claim-release', input);
      void recordActivity(
        'claim',
        `Released ${get().offer?.name ?? input.id} from ${released.consumerName}`,
        `/offers/${input.id}`,
      );
      await get()
        .load(input.id)
        .then(() => set({ released }));
      await get().loadHeld({ consumerType: input.consumerType, consumerId: input.consumerId });
    } catch (e) {
      set({ error: e });
    } finally {
      set({ busy: false });
    }
  },
  loadHeld: async (consumer) => {
    try {
      set({ held: (await send('claims-list', consumer)).items });
    } catch (e) {
      set({ held: null, error: e });
    }
  },
}));
