import { useEffect } from 'react';
import { useOrgZone } from '#renderer/lib/time-zones';
import { useTill } from './till-store';

/**
 * The currency this till's bills are in: its store's default, else the org's. Every money
 * field at the till names it, so nobody types dollars into a rupee bill.
 */
export function useTillCurrency(): string | null {
  const storeCurrency = useTill((s) => s.till?.currency ?? null);
  const orgCurrency = useOrgZone((s) => s.orgCurrency);
  const ensure = useOrgZone((s) => s.ensure);
  useEffect(() => {
    if (!storeCurrency) void ensure();
  }, [storeCurrency, ensure]);
  return storeCurrency ?? orgCurrency;
}
