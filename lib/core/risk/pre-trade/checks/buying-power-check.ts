import { formatDollars } from '../../../money';
import type { PreTradeCheck } from '../types';

/** Credit threshold: a buy must fit in buying power; a sell needs unreserved shares (no accidental shorts). */
export const buyingPowerCheck: PreTradeCheck = {
  name: 'buying_power',
  evaluate(order, context) {
    if (order.side === 'buy') {
      const needed = context.buyCostCents(order.quantity);
      if (needed <= context.buyingPowerCents) return null;
      return {
        kind: 'reject',
        code: 'INSUFFICIENT_BUYING_POWER',
        detail: `The order needs ${formatDollars(needed / 100)} of buying power; ${formatDollars(Math.max(0, context.buyingPowerCents) / 100)} is available`,
        field: 'quantity',
      };
    }
    if (order.quantity <= context.sellableQuantity) return null;
    return {
      kind: 'reject',
      code: 'INSUFFICIENT_POSITION',
      detail: `Selling ${order.quantity} ${order.symbol} needs that many shares; ${Math.max(0, context.sellableQuantity)} are available (short selling is disabled)`,
      field: 'quantity',
    };
  },
};
