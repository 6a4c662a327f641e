import type { RiskLimits } from '../../limits';
import { reducesPosition } from '../order-effects';
import type { PreTradeCheck } from '../types';

/**
 * The consecutive-loss circuit breaker: after N losing trades in a row the strategy is paused
 * (its orders refused) or the whole account may only reduce, as configured.
 */
export const consecutiveLossCheck: PreTradeCheck = {
  name: 'consecutive_losses',
  evaluate(order, context) {
    if (reducesPosition(order, context)) return null;
    return consecutiveLossRefusal(context.limits, context.lossStreak, order.strategyId);
  },
};

/** The breaker's refusal of an order that opens or adds (shares or options alike), or null. */
export function consecutiveLossRefusal(
  limits: Pick<RiskLimits, 'maxConsecutiveLosses' | 'consecutiveLossAction'>,
  lossStreak: { account: number; strategy: number },
  strategyId: string | undefined,
): { kind: 'reject'; code: string; detail: string; field?: string } | null {
  const { maxConsecutiveLosses, consecutiveLossAction } = limits;
  if (consecutiveLossAction === 'reduce_account' && lossStreak.account >= maxConsecutiveLosses) {
    return {
      kind: 'reject',
      code: 'CONSECUTIVE_LOSSES',
      detail: `${lossStreak.account} losing trades in a row (limit ${maxConsecutiveLosses}); the account may only reduce positions`,
    };
  }
  if (
    consecutiveLossAction === 'pause_strategy' &&
    strategyId !== undefined &&
    lossStreak.strategy >= maxConsecutiveLosses
  ) {
    return {
      kind: 'reject',
      code: 'CONSECUTIVE_LOSSES',
      detail: `Strategy ${strategyId} lost ${lossStreak.strategy} trades in a row (limit ${maxConsecutiveLosses}) and is paused`,
      field: 'strategy_id',
    };
  }
  return null;
}
