import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../lib/core/risk/limits';
import type { PreTradeOrder, RiskContext } from '../../lib/core/risk/pre-trade/types';

/**
 * A roomy account for pre-trade tests: $1,000,000 equity, no positions, nothing recent, a
 * $100.00/$100.02 market. Tests override only what the check under test reads.
 */
export function riskContext(
  overrides: Partial<RiskContext> = {},
  limits: Partial<RiskLimits> = {},
): RiskContext {
  return {
    nowMs: Date.UTC(2026, 10, 20, 15),
    tradingState: { state: 'ACTIVE', reason: 'initial' },
    limits: { ...DEFAULT_RISK_LIMITS, maxVarFraction: 1, ...limits },
    quote: { bid: 100, ask: 100.02, last: 100.01 },
    heldQuantity: 0,
    sellableQuantity: 0,
    pendingBuyQuantity: 0,
    buyingPowerCents: 100_000_000,
    buyCostCents: (quantity) => Math.round(quantity * 100.02 * 100),
    equityCents: 100_000_000,
    orderTimes: [],
    recentOrders: [],
    lossStreak: { account: 0, strategy: 0 },
    varModel: { portfolioVariance: 0, covarianceWithSymbol: 0, symbolVariance: 0.0004 },
    ...overrides,
    // Unless a test says otherwise, the day is flat: the session opened at today's equity.
    sessionOpenEquityCents: overrides.sessionOpenEquityCents ?? overrides.equityCents ?? 100_000_000,
  };
}

export function buy(quantity: number, extra: Partial<PreTradeOrder> = {}): PreTradeOrder {
  return { symbol: 'AAPL', side: 'buy', quantity, orderType: 'market', lotSize: 1, ...extra };
}

export function sell(quantity: number, extra: Partial<PreTradeOrder> = {}): PreTradeOrder {
  return { symbol: 'AAPL', side: 'sell', quantity, orderType: 'market', lotSize: 1, ...extra };
}
