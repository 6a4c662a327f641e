import type { Cents } from '../../money';
import type { OrderType, Side } from '../../orders/order';
import type { RiskLimits } from '../limits';
import type { TradingStateName } from '../trading-state';

/** The order as the risk engine sees it. Prices in dollars. */
export interface PreTradeOrder {
  symbol: string;
  side: Side;
  quantity: number;
  orderType: OrderType;
  limitPrice?: number;
  /** Stop orders: the trigger (checked against the collar like a limit). */
  stopPrice?: number;
  strategyId?: string;
  lotSize: number;
  /** Emergency flattening only: passes the halt, and nothing else. */
  bypassHalt?: boolean;
}

/** An order the account sent recently: for duplicate detection. `at` in epoch milliseconds. */
export interface RecentOrder {
  at: number;
  symbol: string;
  side: Side;
  quantity: number;
  limitPrice?: number;
  /** Stops: an order of another type or trigger is not a duplicate (absent: market or limit). */
  orderType?: OrderType;
  stopPrice?: number;
}

/**
 * The parametric risk of the portfolio in dollars of daily P&L: `portfolioVariance` = wᵀΣw,
 * `covarianceWithSymbol` = (Σw)ᵢ and `symbolVariance` = Σᵢᵢ for the order's symbol, where w are
 * position values in dollars and Σ the covariance of daily returns. Adding Δ dollars of the
 * symbol makes the variance V + 2Δ(Σw)ᵢ + Δ²Σᵢᵢ exactly, so the check is O(1).
 */
export interface VarModel {
  portfolioVariance: number;
  covarianceWithSymbol: number;
  symbolVariance: number;
}

/**
 * Everything the checks read, prepared before the call so the engine itself is pure and O(1)
 * in the number of positions (except `recentOrders`, which is bounded by the limits).
 */
export interface RiskContext {
  nowMs: number;
  tradingState: { state: TradingStateName; reason: string };
  limits: RiskLimits;
  quote: { bid: number; ask: number; last: number };
  /** Signed shares held of the symbol. */
  heldQuantity: number;
  /** Shares of the symbol not already promised to working sells. */
  sellableQuantity: number;
  /** Shares working buy orders of the symbol may still add. */
  pendingBuyQuantity: number;
  buyingPowerCents: Cents;
  /** Cash a buy of `quantity` shares must reserve (notional at its protection price + commission). */
  buyCostCents: (quantity: number) => Cents;
  equityCents: Cents;
  /** Equity at the session open (the first valuation of the session). */
  sessionOpenEquityCents: Cents;
  /** Epoch-ms times of the account's orders inside the rate window. */
  orderTimes: readonly number[];
  recentOrders: readonly RecentOrder[];
  /** Losing trades in a row, for the account and for the order's strategy. */
  lossStreak: { account: number; strategy: number };
  /** Null when no price history is available: the VaR check then rejects (fails closed). */
  varModel: VarModel | null;
}

export type CheckResult =
  | null
  | { kind: 'reject'; code: string; detail: string; field?: string }
  | { kind: 'adjust'; quantity: number; code: string; detail: string };

/** One pre-trade control. `evaluate` returns null to pass; it must not throw (the engine guards anyway). */
export interface PreTradeCheck {
  name: string;
  evaluate(order: PreTradeOrder, context: RiskContext): CheckResult;
}

export type PreTradeDecision =
  | { outcome: 'approve'; quantity: number }
  | {
      outcome: 'adjust';
      quantity: number;
      requestedQuantity: number;
      code: string;
      detail: string;
      check: string;
    }
  | { outcome: 'reject'; code: string; detail: string; field?: string; check: string };
