import type { PreTradeCheck } from '../types';

/**
 * Erroneous-price control: a limit more than the collar through the last price is refused, and so
 * is a stop's trigger more than the collar away from it (either way: a stop that far off is a typo
 * more often than a plan).
 */
export const priceCollarCheck: PreTradeCheck = {
  name: 'price_collar',
  evaluate(order, context) {
    const collar = context.limits.priceCollarFraction;
    const last = context.quote.last;
    const percent = +(collar * 100).toFixed(4);
    if (order.stopPrice !== undefined && Math.abs(order.stopPrice - last) > last * collar) {
      return {
        kind: 'reject',
        code: 'PRICE_COLLAR',
        detail: `The stop ${order.stopPrice} is more than ${percent}% away from the last price ${last}`,
        field: 'stop_price',
      };
    }
    if (order.limitPrice === undefined) return null;
    const through =
      order.side === 'buy' ? order.limitPrice > last * (1 + collar) : order.limitPrice < last * (1 - collar);
    if (!through) return null;
    return {
      kind: 'reject',
      code: 'PRICE_COLLAR',
      detail: `The limit ${order.limitPrice} is more than ${percent}% through the last price ${last}`,
      field: 'price',
    };
  },
};
