import { reducesPosition } from '../order-effects';
import type { PreTradeCheck } from '../types';

/** A restricted symbol may be sold down but never bought or added to. */
export const restrictedSymbolCheck: PreTradeCheck = {
  name: 'restricted_symbol',
  evaluate(order, context) {
    if (!context.limits.restrictedSymbols.includes(order.symbol) || reducesPosition(order, context))
      return null;
    return {
      kind: 'reject',
      code: 'SYMBOL_RESTRICTED',
      detail: `${order.symbol} is on the restricted list; only orders that reduce a position are allowed`,
      field: 'symbol',
    };
  },
};
