import { useState, type FormEvent } from 'react';
import { send } from '../../api/client';
import type { IdentifierKind } from '../../../src-shared/domain/customer';
import type { OpOutput } from '../../../src-shared/api/operations';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { SelectField, TextField } from '../../ui/Field';
import { useTimeZones } from '../../lib/time-zones';
import { ZonedTime } from '../../lib/ZonedTime';
import { useAuth } from '../auth/auth-store';
import { mayCall } from '../auth/permissions';
import { ResendSmsButton } from './ResendSmsButton';
import './member-care.css';
import { couponStatusWords } from '../../ui/plain-language';

type Customer = OpOutput<'customers-get'>;
type Coupon = OpOutput<'customers-coupons'>['items'][number];

/**
 * Member care: look a customer up by any identifier, see every coupon they hold, and resend an
 * active one by SMS when the customer missed it.
 */
export const MemberCarePage = () => {
  const role = useAuth((s) => s.user?.role);
  const storeIds = useAuth((s) => s.user?.storeIds ?? null);
  const zones = useTimeZones();
  // A coupon records no store: read its days where the person works (their one store), or in
  // the org's zone, the zone issuance computes "end of day" in when no till issues.
  const zone = zones.zoneOf(storeIds?.length === 1 ? storeIds[0] : null);
  const canResend = mayCall(role, 'coupons-resend');
  const [kind, setKind] = useState<IdentifierKind>('mobile');
  const [value, setValue] = useState('');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [coupons, setCoupons] = useState<Coupon[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCustomer(null);
    setCoupons(null);
    const ref = `${kind}:${value.trim()}`;
    try {
      const [c, list] = await Promise.all([
        send('customers-get', { ref }),
        send('customers-coupons', { ref }),
      ]);
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
        <SelectField
          id="mc-kind"
          label="Identifier"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'mobile', label: 'Mobile' },
            { value: 'email', label: 'Email' },
            { value: 'userId', label: 'User id' },
            { value: 'externalId', label: 'External id' },
          ]}
        />
        <TextField id="mc-value" label="Customer" value={value} onChange={setValue} />
        <button type="submit" className="button--primary" disabled={busy || !value.trim()}>
          {busy ? 'Looking up…' : 'Find coupons'}
        </button>
      </form>
      <ErrorBanner error={error} />
      {customer ? (
        <section className="card" aria-labelledby="mc-customer">
          <h2 id="mc-customer">{customer.name || 'Unnamed customer'}</h2>
          <p className="muted">
            id {customer.id} ·{' '}
            {[
              customer.mobile,
              customer.email,
              customer.userId && `user ${customer.userId}`,
              customer.externalId && `ext ${customer.externalId}`,
            ]
              .filter(Boolean)
              .join(' · ')}{' '}
            · registered <ZonedTime iso={customer.registeredAt} zone={zones.orgZone} /> ·{' '}
            {customer.transactionCount} transactions
          </p>
          {coupons && coupons.length === 0 ? <p>No coupons.</p> : null}
          {coupons && coupons.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Offer</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reversed</th>
                  <th scope="col">Last status change</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Expires</th>
                  <th scope="col" className="num">
                    Redemptions
                  </th>
                  {canResend ? <th scope="col">Resend</th> : null}
                </tr>
              </thead>
              <tbody>
                {coupons.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>{c.offerName}</td>
                    <td>
                      <span className={`status status--${c.status}`}>
                        {couponStatusWords[c.status] ?? c.status}
                      </span>
                    </td>
                    <td>{c.isReversed ? 'Yes — reinstated' : 'No'}</td>
                    <td>
                      <ZonedTime iso={c.lastStatusChangeOn} zone={zone} />
                    </td>
                    <td>
                      <ZonedTime iso={c.issuedAt} zone={zone} />
                    </td>
                    <td>
                      <ZonedTime iso={c.expiresAt} zone={zone} />
                    </td>
                    <td className="num">{c.redemptionCount}</td>
                    {canResend ? (
                      <td>
                        {c.status === 'ACTIVE' ? (
                          <ResendSmsButton couponId={c.id} code={c.code} />
                        ) : (
                          <span className="muted">Only active coupons</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </section>
  );
};
