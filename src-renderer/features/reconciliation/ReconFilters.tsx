import { useEffect, useState } from 'react';
import { useOrg } from '../../app/org-store';
import { SelectField } from '../../ui/Field';
import { classifications } from '../../../src-shared/sync/classification';
import { classificationLabels } from './labels';
import { useReconciliation, type ReconFilter } from './reconciliation-store';

type Status = NonNullable<ReconFilter['status']> | 'ALL';
type Verdict = NonNullable<ReconFilter['classification']> | 'ALL';

/** Status, verdict and store filters; any change reloads page one. */
export const ReconFilters = () => {
  const { filter, load } = useReconciliation();
  const org = useOrg();
  const ensureOrg = org.ensure;
  const [status, setStatus] = useState<Status>(filter.status ?? 'ALL');
  const [verdict, setVerdict] = useState<Verdict>(filter.classification ?? 'ALL');
  const [storeId, setStoreId] = useState(filter.storeId ?? '');

  useEffect(() => {
    void ensureOrg();
  }, [ensureOrg]);

  const apply = (next: { status: Status; verdict: Verdict; storeId: string }) => {
    void load(
      {
        ...(next.status !== 'ALL' ? { status: next.status } : {}),
        ...(next.verdict !== 'ALL' ? { classification: next.verdict } : {}),
        ...(next.storeId ? { storeId: next.storeId } : {}),
      },
      0,
    );
  };
  const stores = (org.items ?? []).filter((e) => e.type === 'STORE');

  return (
    <div className="filters" role="search">
      <SelectField
        id="recon-status"
        label="Status"
        value={status}
        options={[
          { value: 'OPEN', label: 'Open' },
          { value: 'RESOLVED', label: 'Resolved' },
          { value: 'ALL', label: 'All' },
        ]}
        onChange={(v) => {
          setStatus(v);
          apply({ status: v, verdict, storeId });
        }}
      />
      <SelectField
        id="recon-verdict"
        label="Verdict"
        value={verdict}
        options={[
          { value: 'ALL' as Verdict, label: 'All' },
          ...classifications
            .filter((c) => c !== 'accepted')
            .map((c) => ({ value: c as Verdict, label: classificationLabels[c] ?? c })),
        ]}
        onChange={(v) => {
          setVerdict(v);
          apply({ status, verdict: v, storeId });
        }}
      />
      <SelectField
        id="recon-store"
        label="Store"
        value={storeId}
        options={[
          { value: '', label: 'All stores' },
          ...stores.map((x) => ({ value: x.id, label: x.name })),
        ]}
        onChange={(v) => {
          setStoreId(v);
          apply({ status, verdict, storeId: v });
        }}
      />
    </div>
  );
};
