import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { AudiencePanel } from './AudiencePanel';
import { draftFromOffer } from './offer-form-model';
import { OfferInfo } from './OfferInfo';
import { OfferSummaryView } from './OfferSummaryView';
import { IssueCouponPanel } from './IssueCouponPanel';
import { NotificationsLog } from './NotificationsLog';
import { TimelineChart, type TimelinePoint } from './TimelineChart';
import './offers.css';

type Details = OpOutput<'offers-get'>;
type Tab = 'configuration' | 'information' | 'notifications';
const tabs: readonly Tab[] = ['configuration', 'information', 'notifications'];

/**
 * One offer: its configuration, its information, its notification log, and issuals and
 * redemptions over time.
 */
export const OfferDetailsPage = () => {
  const { id = '' } = useParams();
  const location = useLocation();
  const justSaved = Boolean((location.state as { saved?: boolean } | null)?.saved);
  const [details, setDetails] = useState<Details | null>(null);
  const [timeline, setTimeline] = useState<TimelinePoint[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>('configuration');

  const load = useCallback(async () => {
    try {
      const [d, t] = await Promise.all([
        send('offers-get', { id }),
        send('offers-timeline', { id }).catch((e: unknown) => {
          setError(e);
          return { days: [] };
        }),
      ]);
      setDetails(d);
      setTimeline(t.days);
    } catch (e) {
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!details) {
    return (
      <section className="page">
        <ErrorBanner error={error} />
        {!error ? <p>Loading…</p> : null}
      </section>
    );
  }
  const o = details.offer;
  const tabButton = (t: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${t}`}
      aria-selected={tab === t}
      aria-controls={`panel-${t}`}
      tabIndex={tab === t ? 0 : -1}
      onClick={() => setTab(t)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const step = e.key === 'ArrowRight' ? 1 : tabs.length - 1;
          const next = tabs[(tabs.indexOf(tab) + step) % tabs.length] ?? 'configuration';
          setTab(next);
          document.getElementById(`tab-${next}`)?.focus();
        }
      }}
    >
      {label}
    </button>
  );

  return (
    <section className="page offer-details">
      <div className="page__header">
        <h1>{o.name}</h1>
        <div className="actions">
          <Link className="button button--primary" to={`/offers/${o.id}/edit`}>
            Edit offer
          </Link>
          <Link className="button" to={`/offers/${o.id}/uploads`}>
            Upload customers / codes
          </Link>
          <Link className="button" to={`/offers/${o.id}/revoke`}>
            Revoke coupons
          </Link>
          <Link className="button" to={`/offers/${o.id}/claim`}>
            Claim
          </Link>
        </div>
      </div>
      {justSaved ? (
        <p className="banner banner--ok" role="status">
          Offer saved.
        </p>
      ) : null}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      <div className="tabs" role="tablist" aria-label="Offer">
        {tabButton('configuration', 'Configuration')}
        {tabButton('information', 'Information')}
        {tabButton('notifications', 'Notifications')}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="card">
        {tab === 'configuration' ? <OfferSummaryView draft={draftFromOffer(o)} /> : null}
        {tab === 'information' ? <OfferInfo details={details} /> : null}
        {tab === 'notifications' ? <NotificationsLog offerId={o.id} /> : null}
      </div>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Issuals and redemptions over time</h2>
        {timeline ? <TimelineChart days={timeline} /> : <p>Loading…</p>}
      </section>
      <AudiencePanel
        offerId={o.id}
        offerName={o.name}
        specificCustomersOnly={o.issuance?.specificCustomersOnly ?? false}
      />
      <IssueCouponPanel
        offerId={o.id}
        uploadedCodes={o.codeGeneration.method === 'UPLOADED'}
        onIssued={() => void load()}
      />
    </section>
  );
};
