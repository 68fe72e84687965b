import { send } from '#renderer/api/client';

/**
 * The offers among these that allow resending a coupon by SMS (issuance.resendSms): the resend
 * button appears only on their coupons. An offer that cannot be read counts as not allowing it.
 */
export async function offersAllowingResend(offerIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(offerIds)];
  const allowed = await Promise.all(
    unique.map((id) =>
      send('offers-get', { id }).then(
        (r) => (r.offer.issuance?.resendSms?.enabled === true ? id : null),
        () => null,
      ),
    ),
  );
  return new Set(allowed.filter((id): id is string => id !== null));
}

/** What the resend cell of a coupon shows. */
export type ResendCell = 'button' | 'inactive' | 'not-allowed';

export const resendCell = (
  coupon: { offerId: string; status: string },
  allowing: ReadonlySet<string>,
): ResendCell =>
  !allowing.has(coupon.offerId)
    ? 'not-allowed'
    : coupon.status === 'ACTIVE'
      ? 'button'
      : 'inactive';
