import { formatDollars } from '../../../money';
import { reducesPosition } from '../order-effects';
import type { PreTradeCheck } from '../types';

/** Once the loss since the session open reaches the daily limit, only reducing orders pass. */
export const dailyLossCheck: PreTradeCheck = {
  name: 'daily_loss',
  evaluate(order, context) {
    const lossCents = context.sessionOpenEquityCents - context.equityCents;
    const limitCents = Math.round(context.limits.dailyLossLimit * 100);
    if (lossCents < limitCents || reducesPosition(order, context)) return null;
    return {
      kind: 'reject',
      code: 'DAILY_LOSS_LIMIT',
      detail: `The loss since the session open, ${formatDollars(lossCents / 100)}, has reached the daily limit of ${formatDollars(context.limits.dailyLossLimit)}; only orders that reduce a position are allowed`,
    };
  },
};
