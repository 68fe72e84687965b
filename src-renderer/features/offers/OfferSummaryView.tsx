import { useEffect } from 'react';
import { orgName, useOrg } from '#renderer/app/org-store';
import { formatInstant } from '#renderer/lib/time-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { useOrgDefinitions } from '../org-definitions/org-definitions-store';
import type { OfferDraft } from './offer-form-model';
import { summarizeOffer } from './offer-summary';
import { pastOfferLabel, usePastOfferLabels } from './past-offer-labels';
import { changeCount, compareSummaries } from './summary-changes';

/**
 * Every setting of the offer in plain words. Given the saved offer (`before`), the lines this
 * edit changes are marked and keep their old words beside the new.
 */
export const OfferSummaryView = ({
  draft,
  before = null,
}: {
  draft: OfferDraft;
  before?: OfferDraft | null;
}) => {
  const { items, ensure } = useOrg();
  const defs = useOrgDefinitions();
  const ensureDefs = defs.ensure;
  const { labels } = usePastOfferLabels([
    ...new Set([
      ...draft.issuance.restrictPastIssualsOfOfferIds,
      ...(before?.issuance.restrictPastIssualsOfOfferIds ?? []),
    ]),
  ]);
  // An offer's dates belong to the org, not to any one store or this computer.
  const zone = useTimeZones().orgZone;
  useEffect(() => {
    void ensure();
    void ensureDefs();
  }, [ensure, ensureDefs]);
  const summarize = (d: OfferDraft) =>
    summarizeOffer(
      d,
      (iso) => formatInstant(iso, zone),
      (id) => orgName(items, id),
      {
        fields: defs.fields ?? [],
        contacts: defs.contacts ?? [],
        offerName: (id) => pastOfferLabel(labels[id]),
      },
    );
  const sections = compareSummaries(summarize(draft), before ? summarize(before) : null);
  return (
    <>
      {before ? (
        <p className="offer-summary__changes" role="status" data-testid="preview-changes">
          {changeCount(sections)}
        </p>
      ) : null}
      <div className="offer-summary">
        {sections.map((s) => (
          <section key={s.title} className="offer-summary__section">
            <h3>{s.title}</h3>
            <dl className="facts">
              {s.rows.map((r) => (
                <div
                  key={r.label}
                  className={`facts__row${r.was !== null ? ' facts__row--changed' : ''}`}
                >
                  <dt>
                    {r.label}
                    {r.was !== null ? <span className="changed-tag"> changed</span> : null}
                  </dt>
                  <dd>
                    {r.was !== null ? (
                      <>
                        <mark>{r.value}</mark> <span className="facts__was">was {r.was}</span>
                      </>
                    ) : (
                      r.value
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </>
  );
};
