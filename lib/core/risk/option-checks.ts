import { formatDollars } from '../money';
import { consecutiveLossRefusal } from './pre-trade/checks/consecutive-loss-check';
import { dailyLossRefusal } from './pre-trade/checks/daily-loss-check';
import { levelAllows, levelNeeded, type OptionOrderLeg } from '../options/option-order';
import type { RiskLimits } from './limits';
import type { PreTradeDecision } from './pre-trade/types';
import { type TradingState, tradingStateVerdict } from './trading-state';

/** An option order as the risk engine sees it. */
export interface OptionRiskOrder {
  legs: readonly OptionOrderLeg[];
  /** Units of the order (each leg trades its ratio × this). */
  quantity: number;
  underlying: string;
  strategyId?: string;
  /** What it may lose held to expiry, dollars (its reservation less the commission allowance). */
  maximumLossDollars: number;
  /** Emergency flattening only: passes the halt, and nothing else. */
  bypassHalt?: boolean;
}

/** The options' greeks on the order's underlying, now and once the order has filled. */
export interface UnderlyingGreeks {
  /** Shares. */
  deltaBefore: number;
  deltaAfter: number;
  /** Dollars per volatility point. */
  vegaBefore: number;
  vegaAfter: number;
}

export interface OptionRiskContext {
  tradingState: Pick<TradingState, 'state' | 'reason'>;
  limits: RiskLimits;
  equityCents: number;
  sessionOpenEquityCents: number;
  lossStreak: { account: number; strategy: number };
  greeks: UnderlyingGreeks;
}

type Check = (
  order: OptionRiskOrder,
  context: OptionRiskContext,
) => Omit<RejectDecision, 'outcome' | 'check'> | null;
type RejectDecision = Extract<PreTradeDecision, { outcome: 'reject' }>;

function withoutKind<T extends { kind: 'reject' }>(refusal: T | null): Omit<T, 'kind'> | null {
  if (!refusal) return null;
  const { kind: _kind, ...rest } = refusal;
  return rest;
}

/** An order whose every leg closes a position only reduces the book. */
export function closesOnly(order: Pick<OptionRiskOrder, 'legs'>): boolean {
  return order.legs.every((leg) => leg.positionIntent.endsWith('_to_close'));
}

/**
 * The pre-trade checks of an option order, in order: the kill switch, the restricted list, the
 * daily loss and the losing streak (the equity checks' rules: orders that only close pass), then
 * the options' own — the account's options level, contracts per order, the premium at risk and
 * the greeks of the underlying's options after the order (an order that brings them closer to
 * zero always passes). Approve or reject: an option order is never cut down (its legs would
 * no longer be the spread the trader priced).
 */
export function optionPreTradeCheck(order: OptionRiskOrder, context: OptionRiskContext): PreTradeDecision {
  for (const [name, check] of OPTION_CHECKS) {
    const found = check(order, context);
    if (found) return { outcome: 'reject', check: name, ...found };
  }
  return { outcome: 'approve', quantity: order.quantity };
}

const contracts = (order: OptionRiskOrder) =>
  order.legs.reduce((sum, leg) => sum + leg.ratio * order.quantity, 0);

const OPTION_CHECKS: readonly (readonly [string, Check])[] = [
  [
    'trading_state',
    (order, context) => {
      const reduces = closesOnly(order);
      const verdict = tradingStateVerdict(context.tradingState, {
        side: reduces ? 'sell' : 'buy',
        quantity: 1,
        heldQuantity: reduces ? 1 : 0,
        ...(order.bypassHalt ? { bypassHalt: true } : {}),
      });
      return verdict && { code: verdict.code, detail: verdict.message };
    },
  ],
  [
    'restricted_symbol',
    (order, context) =>
      context.limits.restrictedSymbols.includes(order.underlying) && !closesOnly(order)
        ? {
            code: 'RESTRICTED_SYMBOL',
            detail: `${order.underlying} is on the restricted list: its options may only be closed`,
          }
        : null,
  ],
  [
    'daily_loss',
    (order, context) =>
      closesOnly(order)
        ? null
        : withoutKind(dailyLossRefusal(context.limits, context.sessionOpenEquityCents, context.equityCents)),
  ],
  [
    'consecutive_losses',
    (order, context) =>
      closesOnly(order)
        ? null
        : withoutKind(consecutiveLossRefusal(context.limits, context.lossStreak, order.strategyId)),
  ],
  [
    'options_level',
    (order, context) => {
      const needed = levelNeeded(order.legs);
      if (levelAllows(context.limits.optionsLevel, needed)) return null;
      const what =
        needed === 'long'
          ? 'buying options'
          : needed === 'spreads'
            ? 'spreads (short legs covered by long ones)'
            : 'uncovered short options';
      return {
        code: 'OPTIONS_LEVEL',
        detail: `The account's options level (${context.limits.optionsLevel}) does not allow ${what}`,
        field: 'legs',
      };
    },
  ],
  [
    'option_contracts',
    (order, context) =>
      contracts(order) > context.limits.maxOptionContracts
        ? {
            code: 'MAX_OPTION_CONTRACTS',
            detail: `${contracts(order)} contracts over all legs is more than the ${context.limits.maxOptionContracts} allowed in one order`,
            field: 'quantity',
          }
        : null,
  ],
  [
    'option_premium_at_risk',
    (order, context) =>
      !closesOnly(order) && order.maximumLossDollars > context.limits.maxOptionPremiumAtRisk
        ? {
            code: 'MAX_OPTION_PREMIUM_AT_RISK',
            detail: `The order can lose ${formatDollars(order.maximumLossDollars)} held to expiry, more than the ${formatDollars(context.limits.maxOptionPremiumAtRisk)} allowed`,
            field: 'quantity',
          }
        : null,
  ],
  [
    'option_delta',
    (order, { greeks, limits }) =>
      Math.abs(greeks.deltaAfter) > limits.maxOptionDeltaShares &&
      Math.abs(greeks.deltaAfter) > Math.abs(greeks.deltaBefore)
        ? {
            code: 'MAX_OPTION_DELTA',
            detail: `${order.underlying} options would carry a delta of ${Math.round(greeks.deltaAfter)} shares, beyond the ${limits.maxOptionDeltaShares} allowed`,
            field: 'quantity',
          }
        : null,
  ],
  [
    'option_vega',
    (order, { greeks, limits }) =>
      Math.abs(greeks.vegaAfter) > limits.maxOptionVegaPerPoint &&
      Math.abs(greeks.vegaAfter) > Math.abs(greeks.vegaBefore)
        ? {
            code: 'MAX_OPTION_VEGA',
            detail: `${order.underlying} options would carry a vega of ${formatDollars(greeks.vegaAfter)} a volatility point, beyond the ${formatDollars(limits.maxOptionVegaPerPoint)} allowed`,
            field: 'quantity',
          }
        : null,
  ],
];
