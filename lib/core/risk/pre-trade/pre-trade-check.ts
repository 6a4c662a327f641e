import { buyingPowerCheck } from './checks/buying-power-check';
import { concentrationCheck } from './checks/concentration-check';
import { consecutiveLossCheck } from './checks/consecutive-loss-check';
import { dailyLossCheck } from './checks/daily-loss-check';
import { duplicateOrderCheck } from './checks/duplicate-order-check';
import { orderRateCheck } from './checks/order-rate-check';
import { orderSizeCheck } from './checks/order-size-check';
import { positionLimitCheck } from './checks/position-limit-check';
import { priceCollarCheck } from './checks/price-collar-check';
import { restrictedSymbolCheck } from './checks/restricted-symbol-check';
import { tradingStateCheck } from './checks/trading-state-check';
import { varLimitCheck } from './checks/var-limit-check';
import type { PreTradeCheck, PreTradeDecision, PreTradeOrder, RiskContext } from './types';

/**
 * The checks in the order they run: the kill switch first, then erroneous-order controls,
 * then the account's loss state, then the size controls that may cut the order down, and
 * buying power last so it judges the order as it will be sent.
 */
export const PRE_TRADE_CHECKS: readonly PreTradeCheck[] = [
  tradingStateCheck,
  restrictedSymbolCheck,
  orderSizeCheck,
  priceCollarCheck,
  duplicateOrderCheck,
  orderRateCheck,
  dailyLossCheck,
  consecutiveLossCheck,
  positionLimitCheck,
  concentrationCheck,
  varLimitCheck,
  buyingPowerCheck,
];

/**
 * Runs every check on the order: the first rejection ends it; an adjustment carries the smaller
 * quantity into the checks that follow. Never throws: a check that fails unexpectedly rejects
 * the order (`RISK_CHECK_FAILED`) — the engine fails closed.
 */
export function preTradeCheck(
  order: PreTradeOrder,
  context: RiskContext,
  checks: readonly PreTradeCheck[] = PRE_TRADE_CHECKS,
): PreTradeDecision {
  let current = order;
  let adjustment: Extract<PreTradeDecision, { outcome: 'adjust' }> | undefined;
  for (const check of checks) {
    let result;
    try {
      result = check.evaluate(current, context);
    } catch (error) {
      return {
        outcome: 'reject',
        code: 'RISK_CHECK_FAILED',
        detail: `The ${check.name} check could not evaluate the order (${error instanceof Error ? error.message : String(error)}), so it is refused`,
        check: check.name,
      };
    }
    if (result === null) continue;
    if (result.kind === 'reject') {
      return {
        outcome: 'reject',
        code: result.code,
        detail: result.detail,
        ...(result.field ? { field: result.field } : {}),
        check: check.name,
      };
    }
    current = { ...current, quantity: result.quantity };
    adjustment = {
      outcome: 'adjust',
      quantity: result.quantity,
      requestedQuantity: order.quantity,
      code: result.code,
      detail: result.detail,
      check: check.name,
    };
  }
  return adjustment ?? { outcome: 'approve', quantity: order.quantity };
}

/**
 * The checks a TWAP slice or iceberg clip passes before it is sent. The parent was checked
 * whole (size, rate, concentration, VaR, buying power — its reservation covers every child);
 * what can change while it works is re-checked: the kill switch, the restricted list, the
 * price collar, the daily loss and the losing streak.
 */
export const SLICE_CHECKS: readonly PreTradeCheck[] = [
  tradingStateCheck,
  restrictedSymbolCheck,
  priceCollarCheck,
  dailyLossCheck,
  consecutiveLossCheck,
];
