import { reducesPosition } from '../order-effects';
import type { PreTradeCheck } from '../types';

/**
 * The consecutive-loss circuit breaker: after N losing trades in a row the strategy is paused
 * (its orders refused) or the whole account may only reduce, as configured.
 */
export const consecutiveLossCheck: PreTradeCheck = {
  name: 'consecutive_losses',
  evaluate(order, context) {
    const { maxConsecutiveLosses, consecutiveLossAction } = context.limits;
    if (reducesPosition(order, context)) return null;
    if (consecutiveLossAction === 'reduce_account' && context.lossStreak.account >= maxConsecutiveLosses) {
      return {
        kind: 'reject',
        code: 'CONSECUTIVE_LOSSES',
        detail: `${context.lossStreak.account} losing trades in a row (limit ${maxConsecutiveLosses}); the account may only reduce positions`,
      };
    }
    if (
      consecutiveLossAction === 'pause_strategy' &&
      order.strategyId !== undefined &&
      context.lossStreak.strategy >= maxConsecutiveLosses
    ) {
      return {
        kind: 'reject',
        code: 'CONSECUTIVE_LOSSES',
        detail: `Strategy ${order.strategyId} lost ${context.lossStreak.strategy} trades in a row (limit ${maxConsecutiveLosses}) and is paused`,
        field: 'strategy_id',
      };
    }
    return null;
  },
};
