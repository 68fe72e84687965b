import { useEffect } from 'react';
import { orgName, useOrg } from '../../app/org-store';
import { formatInstant } from '../../lib/time-format';
import { useTimeZones } from '../../lib/time-zones';
import type { OfferDraft } from './offer-form-model';
import { summarizeOffer } from './offer-summary';

export const OfferSummaryView = ({ draft }: { draft: OfferDraft }) => {
  const { items, ensure } = useOrg();
  // An offer's dates belong to the org, not to any one store or this computer.
  const zone = useTimeZones().orgZone;
  useEffect(() => {
    void ensure();
  }, [ensure]);
  return (
    <div className="offer-summary">
      {summarizeOffer(
        draft,
        (iso) => formatInstant(iso, zone),
        (id) => orgName(items, id),
      ).map((s) => (
        <section key={s.title} className="offer-summary__section">
          <h3>{s.title}</h3>
          <dl className="facts">
            {s.rows.map(([label, value]) => (
              <div key={label} className="facts__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
};
