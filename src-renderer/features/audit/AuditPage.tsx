import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { send } from '#renderer/api/client';
import { orgName, useOrg } from '#renderer/app/org-store';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { auditFormFromParams, auditQueryOf, type AuditFilterForm } from './audit-filter';
import { AuditFilters } from './AuditFilters';
import { useAudit } from './audit-store';
import { AuditTable } from './AuditTable';
import './audit.css';

/**
 * The audit trail: who changed what and when (offer edits, revokes, uploads, reconciliation
 * decisions, …), newest first, filtered by entity, actor and days. A link can preselect the
 * filter (#/audit?entityType=offer&entityId=…).
 */
export const AuditPage = () => {
  const [params, setParams] = useSearchParams();
  const initial = useMemo(() => auditFormFromParams(params), [params]);
  const zones = useTimeZones();
  const s = useAudit();
  const started = useRef(false);
  const org = useOrg((o) => o.items);
  const [offerNames, setOfferNames] = useState<ReadonlyMap<string, string>>(new Map());

  // Entries name what they touched: offers by name, org places by theirs (never a bare id).
  useEffect(() => {
    void send('offers-list', { sort: 'modified', limit: 500, offset: 0 })
      .then((r) => setOfferNames(new Map(r.items.map((o) => [o.id, o.name]))))
      .catch(() => setOfferNames(new Map()));
  }, []);
  const nameOf = (type: string, id: string): string | null => {
    if (type === 'offer') return offerNames.get(id) ?? null;
    if (['concept', 'zone', 'store', 'till'].includes(type)) {
      const name = orgName(org, id);
      return name === id ? null : name;
    }
    return null;
  };

  // The day bounds need the org's zone: wait for it before the first search.
  useEffect(() => {
    if (!zones.ready || started.current) return;
    started.current = true;
    void s.search(auditQueryOf(initial, zones.orgZone));
  }, [zones.ready, zones.orgZone, initial, s]);

  const apply = (form: AuditFilterForm) => {
    const next = new URLSearchParams();
    const keys: [string, string][] = [
      ['entityType', form.entityType],
      ['entityId', form.entityId],
      ['actor', form.actor],
      ['from', form.fromDay],
      ['to', form.toDay],
    ];
    for (const [k, v] of keys) if (v.trim()) next.set(k, v.trim());
    setParams(next, { replace: true });
    void s.search(auditQueryOf(form, zones.orgZone));
  };

  const pageNo = s.starts.length;
  return (
    <section className="page audit">
      <h1>Audit trail</h1>
      <AuditFilters initial={initial} zone={zones.orgZone} busy={s.loading} onApply={apply} />
      <ErrorBanner error={s.error} />
      <p className="muted" role="status" aria-live="polite">
        {s.loading
          ? 'Loading…'
          : `Page ${pageNo}: ${s.items.length === 1 ? '1 entry' : `${s.items.length} entries`}, newest first · times in ${zones.orgZone}`}
      </p>
      {s.items.length > 0 ? (
        <AuditTable items={s.items} zone={zones.orgZone} nameOf={nameOf} />
      ) : null}
      {!s.loading && s.items.length === 0 && !s.error ? (
        <p className="card">No entries match.</p>
      ) : null}
      <div className="actions pager">
        <button type="button" disabled={pageNo <= 1 || s.loading} onClick={() => void s.newer()}>
          Newer
        </button>
        <button
          type="button"
          disabled={s.nextCursor === null || s.loading}
          onClick={() => void s.older()}
        >
          Older
        </button>
      </div>
    </section>
  );
};
