import { useEffect, useState } from 'react';
import { send } from '#renderer/api/client';
import { useOrg } from '#renderer/app/org-store';
import { dayStartIn, zoneLabel } from '#renderer/lib/time-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { SelectField, TextField } from '#renderer/ui/Field';
import { classifications } from '#shared/sync/classification';
import { classificationLabels } from './labels';
import { useReconciliation, type ReconFilter } from './reconciliation-store';

type Status = NonNullable<ReconFilter['status']> | 'ALL';
type Verdict = NonNullable<ReconFilter['classification']> | 'ALL';
type Form = {
  status: Status;
  verdict: Verdict;
  storeId: string;
  offerId: string;
  from: string;
  to: string;
};

/** Status, verdict, store, offer and days; any change reloads page one. */
export const ReconFilters = () => {
  const { filter, load } = useReconciliation();
  const org = useOrg();
  const ensureOrg = org.ensure;
  // Days are read on the org's calendar: an outage is one stretch of days for everyone.
  const zone = useTimeZones().orgZone;
  const [offers, setOffers] = useState<{ id: string; name: string }[]>([]);
  const [form, setForm] = useState<Form>({
    status: filter.status ?? 'ALL',
    verdict: filter.classification ?? 'ALL',
    storeId: filter.storeId ?? '',
    offerId: filter.offerId ?? '',
    from: '',
    to: '',
  });

  useEffect(() => {
    void ensureOrg();
    void send('offers-list', { sort: 'modified', limit: 500, offset: 0 })
      .then((r) => setOffers(r.items.map((o) => ({ id: o.id, name: o.name }))))
      .catch(() => setOffers([]));
  }, [ensureOrg]);

  const change = (patch: Partial<Form>) => {
    const next = { ...form, ...patch };
    setForm(next);
    const from = next.from ? dayStartIn(zone, next.from, 0) : null;
    // "To" includes that whole day: up to the start of the next one.
    const to = next.to ? dayStartIn(zone, next.to, 1) : null;
    void load(
      {
        ...(next.status !== 'ALL' ? { status: next.status } : {}),
        ...(next.verdict !== 'ALL' ? { classification: next.verdict } : {}),
        ...(next.storeId ? { storeId: next.storeId } : {}),
        ...(next.offerId ? { offerId: next.offerId } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      },
      0,
    );
  };
  const stores = (org.items ?? []).filter((e) => e.type === 'STORE');
  const tz = zoneLabel(new Date().toISOString(), zone);

  return (
    <div className="filters recon-filters" role="search" aria-label="Filter the redemptions">
      <SelectField
        id="recon-status"
        label="Status"
        value={form.status}
        options={[
          { value: 'OPEN', label: 'Waiting for a decision' },
          { value: 'RESOLVED', label: 'Resolved' },
          { value: 'ALL', label: 'All' },
        ]}
        onChange={(status) => change({ status })}
      />
      <SelectField
        id="recon-verdict"
        label="What happened"
        value={form.verdict}
        options={[
          { value: 'ALL' as Verdict, label: 'Anything' },
          ...classifications
            .filter((c) => c !== 'accepted')
            .map((c) => ({ value: c as Verdict, label: classificationLabels[c] ?? c })),
        ]}
        onChange={(verdict) => change({ verdict })}
      />
      <SelectField
        id="recon-store"
        label="Store"
        value={form.storeId}
        options={[
          { value: '', label: 'All stores' },
          ...stores.map((x) => ({ value: x.id, label: x.name })),
        ]}
        onChange={(storeId) => change({ storeId })}
      />
      <SelectField
        id="recon-offer"
        label="Offer"
        value={form.offerId}
        options={[
          { value: '', label: 'All offers' },
          ...offers.map((o) => ({ value: o.id, label: o.name })),
        ]}
        onChange={(offerId) => change({ offerId })}
      />
      <TextField
        id="recon-from"
        label={`Redeemed from (${tz})`}
        type="date"
        value={form.from}
        onChange={(from) => change({ from })}
      />
      <TextField
        id="recon-to"
        label={`Redeemed up to (${tz})`}
        type="date"
        value={form.to}
        onChange={(to) => change({ to })}
      />
    </div>
  );
};
