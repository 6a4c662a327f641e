import { formatDollars } from '../../../money';
import type { RiskLimits } from '../../limits';
import { reducesPosition } from '../order-effects';
import type { PreTradeCheck } from '../types';

/** Once the loss since the session open reaches the daily limit, only reducing orders pass. */
export const dailyLossCheck: PreTradeCheck = {
  name: 'daily_loss',
  evaluate(order, context) {
    if (reducesPosition(order, context)) return null;
    return dailyLossRefusal(context.limits, context.sessionOpenEquityCents, context.equityCents);
  },
};

/** The refusal of an order that opens or adds once the day's loss reached the limit (shares or options), or null. */
export function dailyLossRefusal(
  limits: Pick<RiskLimits, 'dailyLossLimit'>,
  sessionOpenEquityCents: number,
  equityCents: number,
): { kind: 'reject'; code: string; detail: string } | null {
  const lossCents = sessionOpenEquityCents - equityCents;
  const limitCents = Math.round(limits.dailyLossLimit * 100);
  if (lossCents < limitCents) return null;
  return {
    kind: 'reject',
    code: 'DAILY_LOSS_LIMIT',
    detail: `The loss since the session open, ${formatDollars(lossCents / 100)}, has reached the daily limit of ${formatDollars(limits.dailyLossLimit)}; only orders that reduce a position are allowed`,
  };
}
