import type { PreTradeCheck } from '../types';

/** Size-per-time control: at most `maxOrdersPerWindow` orders in any rolling window. */
export const orderRateCheck: PreTradeCheck = {
  name: 'order_rate',
  evaluate(order, context) {
    const { maxOrdersPerWindow, orderWindowSeconds } = context.limits;
    const since = context.nowMs - orderWindowSeconds * 1000;
    let count = 0;
    for (const at of context.orderTimes) if (at > since) count++;
    if (count < maxOrdersPerWindow) return null;
    return {
      kind: 'reject',
      code: 'ORDER_RATE_EXCEEDED',
      detail: `${count} orders in the last ${orderWindowSeconds} s reaches the limit of ${maxOrdersPerWindow}`,
    };
  },
};
