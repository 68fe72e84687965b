import { create } from 'zustand';
import { ApiClientError } from '#renderer/api/api-error';
import { send } from '#renderer/api/client';
import { db, getSetting, putSetting, recordActivity } from '#renderer/db/local-db';
import {
  afterRedeemFailure,
  customerLookupRef,
  editBasket,
  moneyPattern,
  newBasket,
  toRedemptionRequest,
  type Basket,
  type TillContext,
} from './basket';
import type { OpOutput } from '#shared/api/operations';
import { formatMoney } from '#renderer/lib/money-format';

export type Receipt = OpOutput<'redemptions-redeem'> & {
  printedAt: string;
  /** Recorded at this till while the hub was away: the hub has not confirmed it yet. */
  recordedOffline?: boolean;
};

/** Whether the till holds this redemption for the hub (made offline), from its own records. */
const madeOffline = async (tillId: string, redemptionId: string): Promise<boolean> => {
  try {
    const { items } = await send('till-redemption-states', { tillId, limit: 20 });
    const state = items.find((i) => i.id === redemptionId)?.state;
    return state === 'pending' || state === 'sent';
  } catch {
    return false;
  }
};

type TillState = {
  loaded: boolean;
  till: TillContext | null;
  basket: Basket;
  receipt: Receipt | null;
  busy: 'validate' | 'redeem' | 'lookup' | null;
  /** A code was checked before the bill was typed: it is priced as soon as the bill is there. */
  awaitingBill: boolean;
  /** The last check ran by itself (the bill was typed): focus stays where the cashier types. */
  autoChecked: boolean;
  error: unknown;
  /** Set when the basket came back from storage with a redeem in flight. */
  recoveredPending: boolean;
  load: () => Promise<void>;
  setTill: (till: TillContext | null) => Promise<void>;
  edit: (patch: Partial<Basket>) => void;
  lookupCustomer: () => Promise<void>;
  /** auto: started by typing the bill, not by Enter or the button. */
  validate: (how?: 'asked' | 'auto') => Promise<void>;
  redeem: () => Promise<boolean>;
  newSale: () => void;
  clearError: () => void;
};

const basketKey = 'open';
const tillKey = 'till';
const uuid = (): string => crypto.randomUUID();

/** How long the bill field must rest before a waiting code is priced (the cashier stopped typing). */
const billSettleMs = 700;
let billTimer: ReturnType<typeof setTimeout> | undefined;

/** Every change is written through to IndexedDB: the open sale survives a crash. */
const persist = (basket: Basket, receipt: Receipt | null): void => {
  void db.basket.put({
    key: basketKey,
    basket: { basket, receipt },
    savedAt: new Date().toISOString(),
  });
};

export const useTill = create<TillState>()((set, get) => {
  const update = (basket: Basket, extra: Partial<TillState> = {}) => {
    set({ basket, ...extra });
    persist(basket, get().receipt);
  };

  return {
    loaded: false,
    till: null,
    basket: newBasket(uuid(), new Date()),
    receipt: null,
    busy: null,
    awaitingBill: false,
    autoChecked: false,
    error: null,
    recoveredPending: false,
    load: async () => {
      const [row, till] = await Promise.all([
        db.basket.get(basketKey),
        getSetting<TillContext>(tillKey),
      ]);
      const saved = row?.basket as { basket: Basket; receipt: Receipt | null } | undefined;
      set({
        loaded: true,
        till: till ?? null,
        ...(saved ? { basket: saved.basket, receipt: saved.receipt } : {}),
        recoveredPending: Boolean(saved?.basket.redeemPending),
      });
    },
    setTill: async (till) => {
      await putSetting(tillKey, till);
      set({ till });
    },
    edit: (patch) => {
      const b = get().basket;
      const customerChanged = 'customerKind' in patch || 'customerValue' in patch;
      const next = editBasket(b, customerChanged ? { ...patch, customer: null } : patch);
      // A code already checked (or waiting for its bill) is priced again once the new bill rests.
      const reprice =
        'billAmount' in patch && next.code !== '' && (get().awaitingBill || b.validation !== null);
      update(next, { error: null, ...(next.code === '' ? { awaitingBill: false } : {}) });
      clearTimeout(billTimer);
      if (reprice) {
        if (!get().awaitingBill) set({ awaitingBill: true });
        if (moneyPattern.test(next.billAmount.trim())) {
          billTimer = setTimeout(() => {
            if (get().busy === null && get().awaitingBill) void get().validate('auto');
          }, billSettleMs);
        }
      }
    },
    lookupCustomer: async () => {
      const b = get().basket;
      if (!b.customerValue.trim()) return;
      set({ busy: 'lookup', error: null });
      try {
        const customer = await send('customers-get', { ref: customerLookupRef(b) });
        update({ ...get().basket, customer });
      } catch (e) {
        set({ error: e });
      } finally {
        set({ busy: null });
      }
    },
    validate: async (how = 'asked') => {
      const { basket, till } = get();
      if (!till || !basket.code) return;
      clearTimeout(billTimer);
      if (!moneyPattern.test(basket.billAmount.trim())) {
        // Not an error: the code is checked and priced as soon as the bill is typed.
        set({ awaitingBill: true, error: null });
        return;
      }
      set({ busy: 'validate', error: null, awaitingBill: false, autoChecked: how === 'auto' });
      try {
        const validation = await send('redemptions-validate', toRedemptionRequest(basket, till));
        update({ ...get().basket, validation });
      } catch (e) {
        set({ error: e });
      } finally {
        set({ busy: null });
      }
    },
    redeem: async () => {
      const { basket, till } = get();
      if (!till) return false;
      // Mark the attempt before sending: if the till dies now, the restart retries the same id.
      update({ ...basket, redeemPending: true });
      set({ busy: 'redeem', error: null });
      try {
        const result = await send('redemptions-redeem', toRedemptionRequest(basket, till));
        const receipt: Receipt = {
          ...result,
          printedAt: new Date().toISOString(),
          recordedOffline: await madeOffline(till.tillId, result.redemption.id),
        };
        update(newBasket(uuid(), new Date()), { receipt, recoveredPending: false });
        void recordActivity(
          'redeemed',
          `Redeemed ${result.redemption.code} (${result.redemption.offerName}): −${formatMoney(result.redemption.discount, result.redemption.currency)}`,
        );
        return true;
      } catch (e) {
        const unknown = e instanceof ApiClientError ? e.outcomeUnknown : true;
        update(afterRedeemFailure(get().basket, unknown, uuid()), { error: e });
        return false;
      } finally {
        set({ busy: null });
      }
    },
    newSale: () => {
      clearTimeout(billTimer);
      update(newBasket(uuid(), new Date()), {
        awaitingBill: false,
        receipt: null,
        error: null,
        recoveredPending: false,
      });
    },
    clearError: () => set({ error: null }),
  };
});
