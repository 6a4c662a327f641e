import { describe, expect, it } from 'vitest';
import { buyingPowerCheck } from '../../../lib/core/risk/pre-trade/checks/buying-power-check';
import { concentrationCheck } from '../../../lib/core/risk/pre-trade/checks/concentration-check';
import { consecutiveLossCheck } from '../../../lib/core/risk/pre-trade/checks/consecutive-loss-check';
import { dailyLossCheck } from '../../../lib/core/risk/pre-trade/checks/daily-loss-check';
import { duplicateOrderCheck } from '../../../lib/core/risk/pre-trade/checks/duplicate-order-check';
import { orderRateCheck } from '../../../lib/core/risk/pre-trade/checks/order-rate-check';
import { orderSizeCheck } from '../../../lib/core/risk/pre-trade/checks/order-size-check';
import { positionLimitCheck } from '../../../lib/core/risk/pre-trade/checks/position-limit-check';
import { priceCollarCheck } from '../../../lib/core/risk/pre-trade/checks/price-collar-check';
import { restrictedSymbolCheck } from '../../../lib/core/risk/pre-trade/checks/restricted-symbol-check';
import { tradingStateCheck } from '../../../lib/core/risk/pre-trade/checks/trading-state-check';
import { varLimitCheck } from '../../../lib/core/risk/pre-trade/checks/var-limit-check';
import { normalQuantile } from '../../../lib/core/risk/normal';
import { buy, riskContext, sell } from '../../support/risk-context';

const code = (result: ReturnType<typeof orderSizeCheck.evaluate>) => result?.code ?? null;

describe('trading state', () => {
  it('HALTED refuses everything except emergency flattening', () => {
    const halted = riskContext({ tradingState: { state: 'HALTED', reason: 'stop' }, heldQuantity: 10 });
    expect(code(tradingStateCheck.evaluate(buy(1), halted))).toBe('TRADING_HALTED');
    expect(code(tradingStateCheck.evaluate(sell(10), halted))).toBe('TRADING_HALTED');
    expect(tradingStateCheck.evaluate(sell(10, { bypassHalt: true }), halted)).toBeNull();
  });
  it('REDUCING lets a sell up to the position through, not one share more, and no buy', () => {
    const reducing = riskContext({ tradingState: { state: 'REDUCING', reason: 'losses' }, heldQuantity: 10 });
    expect(tradingStateCheck.evaluate(sell(10), reducing)).toBeNull();
    expect(code(tradingStateCheck.evaluate(sell(11), reducing))).toBe('REDUCING_ONLY');
    expect(code(tradingStateCheck.evaluate(buy(1), reducing))).toBe('REDUCING_ONLY');
  });
  it('ACTIVE passes', () => expect(tradingStateCheck.evaluate(buy(1), riskContext())).toBeNull());
});

describe('restricted symbols', () => {
  const context = riskContext({ heldQuantity: 5 }, { restrictedSymbols: ['AAPL'] });
  it('refuses buys, lets the position be sold down', () => {
    expect(restrictedSymbolCheck.evaluate(buy(1), context)).toMatchObject({
      code: 'SYMBOL_RESTRICTED',
      field: 'symbol',
    });
    expect(restrictedSymbolCheck.evaluate(sell(5), context)).toBeNull();
    expect(restrictedSymbolCheck.evaluate(buy(1, { symbol: 'MSFT' }), context)).toBeNull();
  });
});

describe('order size', () => {
  const context = riskContext({}, { maxOrderQuantity: 100, maxOrderNotional: 5_000 });
  it('quantity: at and under pass, one over fails', () => {
    const roomy = riskContext({}, { maxOrderQuantity: 100 });
    expect(orderSizeCheck.evaluate(buy(100), roomy)).toBeNull();
    expect(orderSizeCheck.evaluate(buy(99), roomy)).toBeNull();
    expect(orderSizeCheck.evaluate(buy(101), roomy)).toMatchObject({
      code: 'MAX_ORDER_QUANTITY',
      field: 'quantity',
    });
  });
  it('notional at the limit price: $5,000 passes, a cent over fails', () => {
    expect(orderSizeCheck.evaluate(buy(50, { orderType: 'limit', limitPrice: 100 }), context)).toBeNull();
    expect(orderSizeCheck.evaluate(buy(50, { orderType: 'limit', limitPrice: 99.99 }), context)).toBeNull();
    expect(code(orderSizeCheck.evaluate(buy(50, { orderType: 'limit', limitPrice: 100.01 }), context))).toBe(
      'MAX_ORDER_NOTIONAL',
    );
  });
  it('a market buy is valued at the ask, a market sell at the bid', () => {
    // 50 × 100.02 = 5,001 > 5,000; 50 × 100.00 = 5,000.
    expect(code(orderSizeCheck.evaluate(buy(50), context))).toBe('MAX_ORDER_NOTIONAL');
    expect(orderSizeCheck.evaluate(sell(50), context)).toBeNull();
  });
});

describe('price collar (10% of last = 100.01)', () => {
  const context = riskContext({}, { priceCollarFraction: 0.1 });
  const limit = (side: 'buy' | 'sell', price: number) =>
    priceCollarCheck.evaluate({ ...buy(1), side, orderType: 'limit', limitPrice: price }, context);
  it('buy: at the collar passes, a cent through fails', () => {
    expect(limit('buy', 110.01)).toBeNull();
    expect(limit('buy', 110.0)).toBeNull();
    expect(limit('buy', 110.02)).toMatchObject({ code: 'PRICE_COLLAR', field: 'price' });
  });
  it('sell: at the collar passes, a cent through fails', () => {
    expect(limit('sell', 90.01)).toBeNull();
    expect(limit('sell', 90.0)).toMatchObject({ code: 'PRICE_COLLAR' });
  });
  it('market orders have no limit to check', () =>
    expect(priceCollarCheck.evaluate(buy(1), context)).toBeNull());
});

describe('duplicates and order rate', () => {
  const now = Date.UTC(2026, 10, 20, 15);
  it('an identical order inside the window is a duplicate; at the window edge, or different, it is not', () => {
    const recent = [{ at: now - 1_999, symbol: 'AAPL', side: 'buy' as const, quantity: 10 }];
    const context = riskContext({ nowMs: now, recentOrders: recent }, { duplicateWindowSeconds: 2 });
    expect(code(duplicateOrderCheck.evaluate(buy(10), context))).toBe('DUPLICATE_ORDER');
    expect(duplicateOrderCheck.evaluate(buy(11), context)).toBeNull();
    expect(duplicateOrderCheck.evaluate(sell(10), context)).toBeNull();
    expect(
      duplicateOrderCheck.evaluate(buy(10, { orderType: 'limit', limitPrice: 100 }), context),
    ).toBeNull();
    const edge = riskContext({ nowMs: now, recentOrders: [{ ...recent[0]!, at: now - 2_000 }] });
    expect(duplicateOrderCheck.evaluate(buy(10), edge)).toBeNull();
    expect(
      duplicateOrderCheck.evaluate(buy(10), {
        ...context,
        limits: { ...context.limits, duplicateWindowSeconds: 0 },
      }),
    ).toBeNull();
  });
  it('rate: limit − 1 orders in the window pass, the limit-th prior order makes the next one fail', () => {
    const times = (n: number) => Array.from({ length: n }, (_, i) => now - 1_000 * i);
    const limits = { maxOrdersPerWindow: 5, orderWindowSeconds: 60 };
    expect(
      orderRateCheck.evaluate(buy(1), riskContext({ nowMs: now, orderTimes: times(4) }, limits)),
    ).toBeNull();
    expect(
      code(orderRateCheck.evaluate(buy(1), riskContext({ nowMs: now, orderTimes: times(5) }, limits))),
    ).toBe('ORDER_RATE_EXCEEDED');
    const old = [...times(4), now - 60_000]; // the fifth is exactly one window old: out
    expect(orderRateCheck.evaluate(buy(1), riskContext({ nowMs: now, orderTimes: old }, limits))).toBeNull();
  });
});

describe('daily loss limit ($1,000)', () => {
  const withLoss = (lossCents: number, held = 0) =>
    riskContext(
      {
        sessionOpenEquityCents: 100_000_000,
        equityCents: 100_000_000 - lossCents,
        heldQuantity: held,
        sellableQuantity: held,
      },
      { dailyLossLimit: 1_000 },
    );
  it('just under passes; at and over refuse new risk', () => {
    expect(dailyLossCheck.evaluate(buy(1), withLoss(99_999))).toBeNull();
    expect(code(dailyLossCheck.evaluate(buy(1), withLoss(100_000)))).toBe('DAILY_LOSS_LIMIT');
    expect(code(dailyLossCheck.evaluate(buy(1), withLoss(100_001)))).toBe('DAILY_LOSS_LIMIT');
  });
  it('a reducing order still passes', () =>
    expect(dailyLossCheck.evaluate(sell(5), withLoss(500_000, 5))).toBeNull());
});

describe('consecutive-loss circuit breaker (3)', () => {
  it('pause_strategy: the strategy that lost 3 in a row is paused; 2 passes; orders without strategy pass', () => {
    const limits = { maxConsecutiveLosses: 3, consecutiveLossAction: 'pause_strategy' as const };
    const order = buy(1, { strategyId: 's1' });
    expect(
      consecutiveLossCheck.evaluate(order, riskContext({ lossStreak: { account: 2, strategy: 2 } }, limits)),
    ).toBeNull();
    expect(
      consecutiveLossCheck.evaluate(order, riskContext({ lossStreak: { account: 3, strategy: 3 } }, limits)),
    ).toMatchObject({
      code: 'CONSECUTIVE_LOSSES',
      field: 'strategy_id',
    });
    expect(
      consecutiveLossCheck.evaluate(buy(1), riskContext({ lossStreak: { account: 9, strategy: 0 } }, limits)),
    ).toBeNull();
  });
  it('reduce_account: 3 account losses in a row allow only reducing orders', () => {
    const limits = { maxConsecutiveLosses: 3, consecutiveLossAction: 'reduce_account' as const };
    const context = riskContext({ lossStreak: { account: 3, strategy: 0 }, heldQuantity: 4 }, limits);
    expect(code(consecutiveLossCheck.evaluate(buy(1), context))).toBe('CONSECUTIVE_LOSSES');
    expect(consecutiveLossCheck.evaluate(sell(4), context)).toBeNull();
    expect(
      consecutiveLossCheck.evaluate(buy(1), { ...context, lossStreak: { account: 2, strategy: 0 } }),
    ).toBeNull();
  });
});

describe('position limit (1,000 shares, lots of 100)', () => {
  const context = riskContext({ heldQuantity: 600, pendingBuyQuantity: 100 }, { maxPositionQuantity: 1_000 });
  it('up to the limit passes', () =>
    expect(positionLimitCheck.evaluate(buy(300, { lotSize: 100 }), context)).toBeNull());
  it('one lot over is cut to what is left', () =>
    expect(positionLimitCheck.evaluate(buy(400, { lotSize: 100 }), context)).toMatchObject({
      kind: 'adjust',
      quantity: 300,
      code: 'MAX_POSITION_QUANTITY',
    }));
  it('a residual under the minimum fraction is rejected instead', () =>
    expect(
      positionLimitCheck.evaluate(buy(400, { lotSize: 100 }), {
        ...context,
        limits: { ...context.limits, minAdjustFraction: 0.8 },
      }),
    ).toMatchObject({
      kind: 'reject',
      code: 'MAX_POSITION_QUANTITY',
    }));
  it('nothing left means rejected', () =>
    expect(positionLimitCheck.evaluate(buy(100), { ...context, heldQuantity: 900 })).toMatchObject({
      kind: 'reject',
    }));
  it('selling down passes', () =>
    expect(positionLimitCheck.evaluate(sell(600), { ...context, heldQuantity: 2_000 })).toBeNull());
});

describe('concentration (10% of $100,000 equity at $100.02)', () => {
  const context = riskContext({ equityCents: 10_000_000 }, { maxConcentration: 0.1 });
  it('99 shares ($9,901.98) passes; 100 shares ($10,002) is cut to 99', () => {
    expect(concentrationCheck.evaluate(buy(99), context)).toBeNull();
    expect(concentrationCheck.evaluate(buy(100), context)).toMatchObject({
      kind: 'adjust',
      quantity: 99,
      code: 'CONCENTRATION_LIMIT',
    });
  });
  it('exactly at the limit passes (limit $10,000 at a $100 limit price)', () =>
    expect(
      concentrationCheck.evaluate(buy(100, { orderType: 'limit', limitPrice: 100 }), context),
    ).toBeNull());
  it('counts what is held: 90 held leaves room for 9', () =>
    expect(concentrationCheck.evaluate(buy(50), { ...context, heldQuantity: 90 })).toMatchObject({
      kind: 'adjust',
      quantity: 9,
    }));
  it('no equity, no new risk', () =>
    expect(code(concentrationCheck.evaluate(buy(1), { ...context, equityCents: 0 }))).toBe(
      'CONCENTRATION_LIMIT',
    ));
});

describe('VaR limit (1-day 95% parametric, marginal)', () => {
  const z = normalQuantile(0.95);
  // Empty portfolio, σ(daily) = 2% → VaR of x dollars = z·0.02·x. Limit 1% of $100,000 = $1,000 → x ≤ 1000/(z·0.02) = $30,397.
  const context = riskContext(
    {
      equityCents: 10_000_000,
      varModel: { portfolioVariance: 0, covarianceWithSymbol: 0, symbolVariance: 0.0004 },
    },
    { maxVarFraction: 0.01 },
  );
  const maxDollars = 1_000 / (z * 0.02);
  it('just under the limit passes, just over is cut to the largest size that fits', () => {
    const atLimit = Math.floor(maxDollars / 100);
    const order = (quantity: number) => buy(quantity, { orderType: 'limit', limitPrice: 100 });
    expect(varLimitCheck.evaluate(order(atLimit), context)).toBeNull();
    expect(varLimitCheck.evaluate(order(atLimit + 1), context)).toMatchObject({
      kind: 'adjust',
      quantity: atLimit,
      code: 'VAR_LIMIT',
    });
  });
  it('an order that lowers VaR passes even when VaR is over the limit', () => {
    const over = riskContext(
      {
        heldQuantity: 1_000,
        equityCents: 10_000_000,
        varModel: {
          portfolioVariance: (100_000 * 0.02) ** 2,
          covarianceWithSymbol: 100_000 * 0.0004,
          symbolVariance: 0.0004,
        },
      },
      { maxVarFraction: 0.01 },
    );
    expect(varLimitCheck.evaluate(sell(100), over)).toBeNull();
    expect(varLimitCheck.evaluate(buy(1), over)).toMatchObject({ kind: 'reject', code: 'VAR_LIMIT' });
  });
  it('without a model it fails closed', () =>
    expect(code(varLimitCheck.evaluate(buy(1), { ...context, varModel: null }))).toBe('VAR_UNAVAILABLE'));
});

describe('buying power and position available', () => {
  it('a buy costing exactly the buying power passes; a cent more fails', () => {
    const cost = (q: number) => q * 10_000;
    expect(
      buyingPowerCheck.evaluate(buy(10), riskContext({ buyingPowerCents: 100_000, buyCostCents: cost })),
    ).toBeNull();
    expect(
      buyingPowerCheck.evaluate(buy(10), riskContext({ buyingPowerCents: 99_999, buyCostCents: cost })),
    ).toMatchObject({
      code: 'INSUFFICIENT_BUYING_POWER',
      field: 'quantity',
    });
  });
  it('a sell of exactly the unreserved shares passes; one more fails', () => {
    expect(
      buyingPowerCheck.evaluate(sell(7), riskContext({ heldQuantity: 10, sellableQuantity: 7 })),
    ).toBeNull();
    expect(
      code(buyingPowerCheck.evaluate(sell(8), riskContext({ heldQuantity: 10, sellableQuantity: 7 }))),
    ).toBe('INSUFFICIENT_POSITION');
  });
});
