import { adjustOrReject, projectedQuantity, referencePrice, reducesPosition } from '../order-effects';
import type { PreTradeCheck } from '../types';

/**
 * Concentration: the symbol's position value (held + working buys + this order) as a fraction of
 * equity must stay within the limit; a breaching order is cut to the largest allowed quantity.
 */
export const concentrationCheck: PreTradeCheck = {
  name: 'concentration',
  evaluate(order, context) {
    if (reducesPosition(order, context)) return null;
    const price = referencePrice(order, context);
    const equity = context.equityCents / 100;
    const limit = context.limits.maxConcentration;
    if (equity <= 0) {
      return {
        kind: 'reject',
        code: 'CONCENTRATION_LIMIT',
        detail: 'The account has no equity to add risk against',
      };
    }
    const after = Math.abs(projectedQuantity(order, context)) * price;
    if (after <= limit * equity) return null;
    const allowedShares =
      Math.floor((limit * equity) / price + 1e-9) - Math.abs(projectedQuantity(order, context, 0));
    return adjustOrReject(
      order,
      context,
      allowedShares,
      'CONCENTRATION_LIMIT',
      `${order.symbol} would be ${((after / equity) * 100).toFixed(1)}% of equity, over the limit of ${+(limit * 100).toFixed(4)}%`,
    );
  },
};
