import type { OptionsLevel } from '../options/option-order';

/**
 * Risk limits (SEC 15c3-5 style pre-trade controls). Money in dollars, fractions as 0–1.
 * One set per account, with optional overrides per strategy and per symbol; the effective
 * limits for an order are resolved by `effectiveLimits`.
 */
export interface RiskLimits {
  /** Largest single order, in shares. */
  maxOrderQuantity: number;
  /** Largest single order, in dollars at the order's reference price. */
  maxOrderNotional: number;
  /** A limit price further than this fraction through the last price is refused as erroneous. */
  priceCollarFraction: number;
  /** Orders allowed per rolling window (`orderWindowSeconds`), per account. */
  maxOrdersPerWindow: number;
  orderWindowSeconds: number;
  /** The same symbol, side, quantity and price again within this many seconds is a duplicate. */
  duplicateWindowSeconds: number;
  /** Largest position per symbol, in shares (absolute). */
  maxPositionQuantity: number;
  /** Largest position value per symbol as a fraction of equity, after the order. */
  maxConcentration: number;
  /** An order cut down below this fraction of what was asked is rejected instead of adjusted. */
  minAdjustFraction: number;
  /** Largest 1-day 95 % parametric VaR of the portfolio after the order, as a fraction of equity. */
  maxVarFraction: number;
  /** Largest loss since the session open (realized + unrealized, after commissions), in dollars. */
  dailyLossLimit: number;
  /** This many losing trades in a row trip the circuit breaker. */
  maxConsecutiveLosses: number;
  /** What the breaker does: pause the strategy that lost, or let the whole account only reduce. */
  consecutiveLossAction: 'pause_strategy' | 'reduce_account';
  /** Symbols nobody may open or add to (restricted list). */
  restrictedSymbols: string[];
  /** What the account may do with options: buy them, trade covered spreads, or also sell puts secured by cash. */
  optionsLevel: OptionsLevel;
  /** Largest option order, in contracts over all its legs. */
  maxOptionContracts: number;
  /** The most one option order may lose held to expiry (its reservation), in dollars. */
  maxOptionPremiumAtRisk: number;
  /** Largest delta of the options on one underlying after an order, in shares (absolute). */
  maxOptionDeltaShares: number;
  /** Largest vega of the options on one underlying after an order, dollars per volatility point (absolute). */
  maxOptionVegaPerPoint: number;
}

/** Limits a strategy may override (its own orders and its own losing streak). */
type StrategyLimitKey =
  | 'maxOrderQuantity'
  | 'maxOrderNotional'
  | 'maxOrdersPerWindow'
  | 'maxPositionQuantity'
  | 'maxConsecutiveLosses';
/** Limits a symbol may override. */
type SymbolLimitKey =
  | 'maxOrderQuantity'
  | 'maxOrderNotional'
  | 'priceCollarFraction'
  | 'maxPositionQuantity'
  | 'maxConcentration';

export type StrategyLimits = Partial<Pick<RiskLimits, StrategyLimitKey>>;
export type SymbolLimits = Partial<Pick<RiskLimits, SymbolLimitKey>>;

/** Everything an administrator sets for one account. `version` orders changes. */
export interface RiskLimitSet {
  accountId: string;
  account: RiskLimits;
  strategies: Record<string, StrategyLimits>;
  symbols: Record<string, SymbolLimits>;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxOrderQuantity: 100_000,
  maxOrderNotional: 5_000_000,
  priceCollarFraction: 0.1,
  maxOrdersPerWindow: 120,
  orderWindowSeconds: 60,
  duplicateWindowSeconds: 2,
  maxPositionQuantity: 1_000_000,
  maxConcentration: 0.5,
  minAdjustFraction: 0.1,
  maxVarFraction: 0.1,
  dailyLossLimit: 5_000,
  maxConsecutiveLosses: 5,
  consecutiveLossAction: 'pause_strategy',
  restrictedSymbols: [],
  optionsLevel: 'spreads',
  maxOptionContracts: 200,
  maxOptionPremiumAtRisk: 25_000,
  maxOptionDeltaShares: 5_000,
  maxOptionVegaPerPoint: 2_500,
};

export function defaultLimitSet(accountId: string, account: RiskLimits = DEFAULT_RISK_LIMITS): RiskLimitSet {
  return {
    accountId,
    account,
    strategies: {},
    symbols: {},
    version: 0,
    updatedAt: new Date(0).toISOString(),
    updatedBy: 'system',
  };
}

/**
 * The limits that govern one order: the account's, overridden by the strategy's and the
 * symbol's. When a strategy and a symbol both set the same limit, the tighter one wins —
 * overrides are for tailoring, and two of them together must never loosen each other.
 */
export function effectiveLimits(set: RiskLimitSet, symbol: string, strategyId?: string): RiskLimits {
  const strategy = strategyId === undefined ? undefined : set.strategies[strategyId];
  const forSymbol = set.symbols[symbol];
  if (!strategy && !forSymbol) return set.account;
  const limits: RiskLimits = { ...set.account };
  const keys = new Set<keyof RiskLimits>([
    ...(Object.keys(strategy ?? {}) as (keyof RiskLimits)[]),
    ...(Object.keys(forSymbol ?? {}) as (keyof RiskLimits)[]),
  ]);
  for (const key of keys) {
    const values = [
      (strategy as Partial<RiskLimits> | undefined)?.[key],
      (forSymbol as Partial<RiskLimits> | undefined)?.[key],
    ].filter((value): value is number => typeof value === 'number');
    if (values.length > 0) (limits as unknown as Record<string, number>)[key] = Math.min(...values);
  }
  return limits;
}
