import { ApiError } from '#shared/api/errors';
import type { HandlerGroup } from '#shared/api/handlers';
import { normalizeCode } from '#shared/codes/normalize';
import { couponsByCode } from './coupon-queries';
import { issueCoupon } from './issue-coupon';

export const couponsHandlers: HandlerGroup<'coupons-issue' | 'coupons-get'> = {
  'coupons-issue': (input, ctx) => issueCoupon(input, ctx),
  'coupons-get': async (input, ctx) => {
    const items = await couponsByCode(ctx.sql, input.code, ctx.now().toISOString());
    if (items.length === 0) {
      const code = normalizeCode(input.code);
      throw new ApiError('NOT_FOUND', `Code ${code} is not a coupon code of any offer`, {
        field: 'code',
        code,
      });
    }
    return { items };
  },
};
