import { tradingStateVerdict } from '../../trading-state';
import type { PreTradeCheck } from '../types';

/** HALTED refuses everything but emergency flattening; REDUCING lets only position-reducing orders through. */
export const tradingStateCheck: PreTradeCheck = {
  name: 'trading_state',
  evaluate(order, context) {
    const verdict = tradingStateVerdict(context.tradingState, {
      side: order.side,
      quantity: order.quantity,
      heldQuantity: context.heldQuantity,
      ...(order.bypassHalt ? { bypassHalt: true } : {}),
    });
    return verdict && { kind: 'reject', code: verdict.code, detail: verdict.message };
  },
};
