import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { enrolledTill, useSetup } from '../setup/setup-store';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import { ReceiptView } from './ReceiptView';
import { RecentRedemptions } from './RecentRedemptions';
import { SaleForm } from './SaleForm';
import { TillSetup } from './TillSetup';
import { useTill } from './till-store';
import { ValidationPanel } from './ValidationPanel';
import './till.css';

/**
 * The cashier's screen, usable by keyboard alone: F2 code, F4 bill, F3 customer, Enter (in the
 * code or the bill) checks the code, F9 redeems, Esc starts a new sale.
 */
export const TillPage = () => {
  const s = useTill();
  const [choosing, setChoosing] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const billRef = useRef<HTMLInputElement>(null);
  const customerRef = useRef<HTMLInputElement>(null);
  const redeemRef = useRef<HTMLButtonElement>(null);
  const newSaleRef = useRef<HTMLButtonElement>(null);
  const { load, loaded } = s;
  const setup = useSetup((st) => st.status);
  const setupKnown = useSetup((st) => st.status !== null || st.failed);
  const loadSetup = useSetup((st) => st.load);
  // An enrolled till knows which till it is (its enrolment code named it): never ask.
  const enrolled = enrolledTill(setup);
  const followsHub = Boolean(setup?.hub);

  useEffect(() => {
    if (!loaded) void load();
  }, [load, loaded]);
  useEffect(() => {
    void loadSetup();
  }, [loadSetup]);
  // Until the first pull brings the till's name, ask again every few seconds.
  useEffect(() => {
    if (!followsHub || enrolled) return;
    const timer = setInterval(() => void loadSetup(), 2000);
    return () => clearInterval(timer);
  }, [followsHub, enrolled, loadSetup]);
  useEffect(() => {
    if (!loaded || !enrolled) return;
    const t = s.till;
    if (t?.tillId !== enrolled.tillId || t.tillName !== enrolled.tillName) void s.setTill(enrolled);
  }, [loaded, enrolled, s]);

  const errors = useMemo(() => fieldErrorsFromError(s.error), [s.error]);
  const fieldError = (path: string) => errorAt(errors, path);
  const v = s.basket.validation;

  // Move focus to where the next keystroke belongs, but not from under a cashier still typing
  // the bill that priced the code by itself.
  const { autoChecked, awaitingBill } = s;
  useEffect(() => {
    if (autoChecked && document.activeElement === billRef.current) return;
    if (v?.valid) redeemRef.current?.focus();
    else if (v && !v.valid) codeRef.current?.select();
  }, [v, autoChecked]);
  useEffect(() => {
    if (awaitingBill) billRef.current?.focus();
  }, [awaitingBill]);
  useEffect(() => {
    if (s.receipt) newSaleRef.current?.focus();
  }, [s.receipt]);

  const redeem = async () => {
    if (s.busy) return;
    const ok = await useTill.getState().redeem();
    if (!ok) codeRef.current?.focus();
  };
  const newSale = () => {
    s.newSale();
    setTimeout(() => codeRef.current?.focus(), 0);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog (the reversal) has the keyboard: Esc closes it, and nothing behind it acts.
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'F2') {
        e.preventDefault();
        codeRef.current?.focus();
      } else if (e.key === 'F4') {
        e.preventDefault();
        billRef.current?.focus();
        billRef.current?.select();
      } else if (e.key === 'F3') {
        e.preventDefault();
        customerRef.current?.focus();
      } else if (e.key === 'F9') {
        e.preventDefault();
        const st = useTill.getState();
        if (st.basket.validation?.valid || st.basket.redeemPending) void redeem();
      } else if (e.key === 'Escape' && useTill.getState().receipt) {
        e.preventDefault();
        newSale();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!loaded || !setupKnown || (enrolled && s.till?.tillId !== enrolled.tillId)) {
    return <p className="page">Loading the till…</p>;
  }
  if (followsHub && !enrolled) {
    return (
      <p className="page" role="status">
        Receiving this till’s details from the hub at {setup?.hub?.url}… The till opens as soon as
        they arrive.
      </p>
    );
  }
  if (!s.till || (choosing && !followsHub)) {
    return (
      <div className="page">
        <TillSetup
          current={s.till}
          onChoose={(t) => {
            void s.setTill(t);
            setChoosing(false);
          }}
          onCancel={s.till ? () => setChoosing(false) : undefined}
        />
      </div>
    );
  }

  const showRedeem = v?.valid || s.basket.redeemPending;
  return (
    <div className="till">
      <div className="till__bar">
        <h1>
          Till · {s.till.storeName} / {s.till.tillName}
        </h1>
        <span className="muted till__keys">
          F2 code · F4 bill · F3 customer · Enter check · F9 redeem
        </span>
        {followsHub ? null : (
          <button type="button" className="button--quiet" onClick={() => setChoosing(true)}>
            Change till
          </button>
        )}
        <button type="button" onClick={newSale}>
          Clear sale
        </button>
      </div>
      {s.recoveredPending ? (
        <p className="banner banner--warn" role="alert">
          The till stopped while a redemption was being sent. The sale is restored; press Redeem to
          finish it — it will not be redeemed twice.
        </p>
      ) : null}
      <ErrorBanner error={s.error} onDismiss={s.clearError} />
      <div className="till__grid">
        <SaleForm
          codeRef={codeRef}
          billRef={billRef}
          customerRef={customerRef}
          fieldError={fieldError}
          onNeedCode={() => codeRef.current?.focus()}
        />
        <div className="till__side">
          {s.receipt ? (
            <ReceiptView
              receipt={s.receipt}
              tillName={s.till.tillName}
              newSaleRef={newSaleRef}
              onNewSale={newSale}
            />
          ) : null}
          {showRedeem || !s.receipt ? (
            <ValidationPanel
              basket={s.basket}
              awaitingBill={s.awaitingBill}
              redeemRef={redeemRef}
              onRedeem={() => void redeem()}
              busy={s.busy === 'redeem'}
            />
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="button--primary"
              disabled={!s.basket.code || s.busy !== null}
              onClick={() => void s.validate()}
            >
              {s.busy === 'validate' ? 'Checking…' : 'Check code (Enter)'}
            </button>
          </div>
          <RecentRedemptions tillId={s.till.tillId} refreshKey={s.receipt} />
        </div>
      </div>
    </div>
  );
};
