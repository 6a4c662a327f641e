import type { PreTradeCheck } from '../types';

/** Market and limit orders compare as before (by limit); a stop compares by its type and trigger too. */
const STOPS = new Set(['stop', 'stop_limit', 'trailing_stop']);

/**
 * The same symbol, side, quantity and limit within the duplicate window is taken for an
 * accidental double submission (a retry should reuse its client_order_id instead).
 */
export const duplicateOrderCheck: PreTradeCheck = {
  name: 'duplicate_order',
  evaluate(order, context) {
    const windowMs = context.limits.duplicateWindowSeconds * 1000;
    if (windowMs <= 0) return null;
    const since = context.nowMs - windowMs;
    for (const recent of context.recentOrders) {
      if (
        recent.at > since &&
        recent.symbol === order.symbol &&
        recent.side === order.side &&
        recent.quantity === order.quantity &&
        recent.limitPrice === order.limitPrice &&
        recent.stopPrice === order.stopPrice &&
        (recent.orderType ?? 'market') === (STOPS.has(order.orderType) ? order.orderType : 'market')
      ) {
        return {
          kind: 'reject',
          code: 'DUPLICATE_ORDER',
          detail: `An identical order was sent ${context.nowMs - recent.at} ms ago (window ${context.limits.duplicateWindowSeconds} s); reuse its client_order_id to retry, or change the order`,
        };
      }
    }
    return null;
  },
};
