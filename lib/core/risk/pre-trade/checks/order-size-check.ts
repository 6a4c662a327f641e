import { formatDollars } from '../../../money';
import { referencePrice } from '../order-effects';
import type { PreTradeCheck } from '../types';

/** Erroneous-order control: no single order above the maximum quantity or value. */
export const orderSizeCheck: PreTradeCheck = {
  name: 'order_size',
  evaluate(order, context) {
    const { maxOrderQuantity, maxOrderNotional } = context.limits;
    if (order.quantity > maxOrderQuantity) {
      return {
        kind: 'reject',
        code: 'MAX_ORDER_QUANTITY',
        detail: `${order.quantity} shares is over the maximum order size of ${maxOrderQuantity}`,
        field: 'quantity',
      };
    }
    const notional = order.quantity * referencePrice(order, context);
    if (notional > maxOrderNotional) {
      return {
        kind: 'reject',
        code: 'MAX_ORDER_NOTIONAL',
        detail: `The order is worth ${formatDollars(notional)}, over the maximum order value of ${formatDollars(maxOrderNotional)}`,
        field: 'quantity',
      };
    }
    return null;
  },
};
