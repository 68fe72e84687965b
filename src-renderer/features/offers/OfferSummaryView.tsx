import { useEffect } from 'react';
import { orgName, useOrg } from '../../app/org-store';
import { formatDateTime } from '../../ui/format';
import type { OfferDraft } from './offer-form-model';
import { summarizeOffer } from './offer-summary';

export const OfferSummaryView = ({ draft }: { draft: OfferDraft }) => {
  const { items, ensure } = useOrg();
  useEffect(() => {
    void ensure();
  }, [ensure]);
  return (
    <div className="offer-summary">
      {summarizeOffer(draft, formatDateTime, (id) => orgName(items, id)).map((s) => (
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
