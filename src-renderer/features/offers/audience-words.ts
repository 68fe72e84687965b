import type { OpOutput } from '#shared/api/operations';
import { formatCount } from '#renderer/ui/format';

export const customersCount = (n: number): string =>
  `${formatCount(n)} ${n === 1 ? 'customer' : 'customers'}`;

/** What the offer's customer list means for issuing, in one sentence. */
export function audienceWords(
  s: Pick<OpOutput<'audience-get'>, 'count' | 'specificCustomersOnly'>,
): string {
  if (!s.specificCustomersOnly) {
    return `${customersCount(s.count)} on the list. The offer issues to everyone: the list counts only once “Issue to specific customers only” is on.`;
  }
  if (s.count === 0) {
    return 'The list is empty, so no one can be issued a coupon yet: add customers or upload a list.';
  }
  return `Only the ${customersCount(s.count)} on the list can be issued a coupon.`;
}
