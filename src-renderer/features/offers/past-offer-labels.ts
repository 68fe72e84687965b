import { useCallback, useEffect, useState } from 'react';
import { send } from '#renderer/api/client';

export type PastOfferLabel = { name: string; offerCode: string } | 'missing';

/** "Diwali 20% (DIWALI-25)"; a chosen id that names no offer says so, so it can be removed. */
export const pastOfferLabel = (label: PastOfferLabel | undefined): string =>
  label === undefined
    ? 'Loading…'
    : label === 'missing'
      ? 'An offer that no longer exists'
      : `${label.name} (${label.offerCode})`;

/**
 * Names for offers chosen by id (restrict by past issuals), read one by one the first time each
 * is seen; `known` adds names already at hand (search results).
 */
export function usePastOfferLabels(ids: readonly string[]) {
  const [labels, setLabels] = useState<Record<string, PastOfferLabel>>({});
  const unlabelled = ids.filter((id) => labels[id] === undefined).join('\n');
  useEffect(() => {
    if (unlabelled === '') return;
    for (const id of unlabelled.split('\n')) {
      send('offers-get', { id }).then(
        (d) => setLabels((l) => ({ ...l, [id]: d.offer })),
        () => setLabels((l) => ({ ...l, [id]: 'missing' })),
      );
    }
  }, [unlabelled]);
  const known = useCallback(
    (found: readonly { id: string; name: string; offerCode: string }[]) =>
      setLabels((l) => ({ ...l, ...Object.fromEntries(found.map((o) => [o.id, o])) })),
    [],
  );
  return { labels, known };
}
