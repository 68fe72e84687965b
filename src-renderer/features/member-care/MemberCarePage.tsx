import { useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import {
  CustomerIdentifierField,
  customerPathRef,
  type CustomerIdentifier,
} from '#renderer/ui/CustomerIdentifierField';
import { Table, type Column } from '#renderer/ui/Table';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { useAuth } from '../auth/auth-store';
import { mayCall } from '../auth/permissions';
import { CustomerUpdatesUpload } from './CustomerUpdatesUpload';
import { EditCustomer } from './EditCustomer';
import { RegisterCustomer } from './RegisterCustomer';
import { resendCell, offersAllowingResend } from './resend-offers';
import { ResendSmsButton } from './ResendSmsButton';
import './member-care.css';
import { couponStatusWords } from '#renderer/ui/plain-language';

type Customer = OpOutput<'customers-get'>;
type Coupon = OpOutput<'customers-coupons'>['items'][number];

const resendWords = { inactive: 'Only active coupons', 'not-allowed': 'Not offered by this offer' };

const couponColumns = (
  zone: string,
  /** Offers whose coupons may be resent; null: this person may not resend. */
  allowing: ReadonlySet<string> | null,
): (Column<Coupon> | false)[] => [
  { header: 'Code', cell: (c) => <code>{c.code}</code> },
  { header: 'Offer', cell: (c) => c.offerName },
  {
    header: 'Status',
    cell: (c) => (
      <span className={`status status--${c.status}`}>
        {couponStatusWords[c.status] ?? c.status}
      </span>
    ),
  },
  { header: 'Reversed', cell: (c) => (c.isReversed ? 'Yes — reinstated' : 'No') },
  {
    header: 'Last status change',
    cell: (c) => <ZonedTime iso={c.lastStatusChangeOn} zone={zone} />,
  },
  { header: 'Issued', cell: (c) => <ZonedTime iso={c.issuedAt} zone={zone} /> },
  { header: 'Expires', cell: (c) => <ZonedTime iso={c.expiresAt} zone={zone} /> },
  { header: 'Redemptions', numeric: true, cell: (c) => c.redemptionCount },
  allowing !== null &&
    allowing.size > 0 && {
      header: 'Resend',
      cell: (c) => {
        const shown = resendCell(c, allowing);
        return shown === 'button' ? (
          <ResendSmsButton couponId={c.id} code={c.code} />
        ) : (
          <span className="muted">{resendWords[shown]}</span>
        );
      },
    },
];

/**
 * Member care: look a customer up by any identifier, see every coupon they hold, resend an
 * active one by SMS when the customer missed it, change the customer's details; register
 * customers, or change many at once from a file.
 */
export const MemberCarePage = () => {
  const role = useAuth((s) => s.user?.role);
  const storeIds = useAuth((s) => s.user?.storeIds ?? null);
  const zones = useTimeZones();
  // A coupon records no store: read its days where the person works (their one store), or in
  // the org's zone, the zone issuance computes "end of day" in when no till issues.
  const zone = zones.zoneOf(storeIds?.length === 1 ? storeIds[0] : null);
  const canResend = mayCall(role, 'coupons-resend');
  const [who, setWho] = useState<CustomerIdentifier>({ kind: 'mobile', value: '' });
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [coupons, setCoupons] = useState<Coupon[] | null>(null);
  const [allowing, setAllowing] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCustomer(null);
    setCoupons(null);
    const ref = customerPathRef(who);
    try {
      const [c, list] = await Promise.all([
        send('customers-get', { ref }),
        send('customers-coupons', { ref }),
      ]);
      // Which offers allow a resend is known before the list shows, so no button comes and goes.
      setAllowing(
        canResend ? await offersAllowingResend(list.items.map((x) => x.offerId)) : new Set(),
      );
      setCustomer(c);
      setCoupons(list.items);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page member-care">
      <h1>Member care</h1>
      <form className="card member-care__form" onSubmit={(e) => void submit(e)} role="search">
        <CustomerIdentifierField idPrefix="mc" value={who} onChange={setWho} />
        <button type="submit" className="button--primary" disabled={busy || !who.value.trim()}>
          {busy ? 'Looking up…' : 'Find coupons'}
        </button>
      </form>
      <ErrorBanner error={error} />
      {customer ? (
        <section className="card" aria-labelledby="mc-customer">
          <h2 id="mc-customer">{customer.name || 'Unnamed customer'}</h2>
          <p className="muted">
            {[
              customer.mobile,
              customer.email,
              customer.userId && `user ${customer.userId}`,
              customer.externalId && `ext ${customer.externalId}`,
            ]
              .filter(Boolean)
              .join(' · ')}{' '}
            · registered <ZonedTime iso={customer.registeredAt} zone={zones.orgZone} /> ·{' '}
            {customer.transactionCount}{' '}
            {customer.transactionCount === 1 ? 'transaction' : 'transactions'}
          </p>
          {mayCall(role, 'customers-update') ? (
            <EditCustomer key={customer.id} customer={customer} onSaved={setCustomer} />
          ) : null}
          {coupons ? (
            <Table
              label={`Coupons of ${customer.name || 'this customer'}`}
              columns={couponColumns(zone, canResend ? allowing : null)}
              rows={coupons}
              rowKey={(c) => c.id}
              empty="No coupons."
            />
          ) : null}
        </section>
      ) : null}
      {mayCall(role, 'customers-create') ? (
        <RegisterCustomer
          onRegistered={(c) => {
            setError(null);
            setCustomer(c);
            setCoupons([]);
          }}
        />
      ) : null}
      {mayCall(role, 'customers-uploads-create') ? <CustomerUpdatesUpload /> : null}
    </section>
  );
};
