import type { PreTradeCheck } from '../types';

/** Erroneous-price control: a limit more than the collar through the last price is refused. */
export const priceCollarCheck: PreTradeCheck = {
  name: 'price_collar',
  evaluate(order, context) {
    if (order.limitPrice === undefined) return null;
    const collar = context.limits.priceCollarFraction;
    const last = context.quote.last;
    const through =
      order.side === 'buy' ? order.limitPrice > last * (1 + collar) : order.limitPrice < last * (1 - collar);
    if (!through) return null;
    return {
      kind: 'reject',
      code: 'PRICE_COLLAR',
      detail: `The limit ${order.limitPrice} is more than ${+(collar * 100).toFixed(4)}% through the last price ${last}`,
      field: 'price',
    };
  },
};
