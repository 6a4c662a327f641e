import { adjustOrReject, projectedQuantity, reducesPosition } from '../order-effects';
import type { PreTradeCheck } from '../types';

/** No position (including working buys) above the maximum shares; a breaching order is cut down. */
export const positionLimitCheck: PreTradeCheck = {
  name: 'position_limit',
  evaluate(order, context) {
    if (reducesPosition(order, context)) return null;
    const limit = context.limits.maxPositionQuantity;
    const after = Math.abs(projectedQuantity(order, context));
    if (after <= limit) return null;
    const before = Math.abs(projectedQuantity(order, context, 0));
    return adjustOrReject(
      order,
      context,
      limit - before,
      'MAX_POSITION_QUANTITY',
      `The position would be ${after} shares, over the limit of ${limit}`,
    );
  },
};
