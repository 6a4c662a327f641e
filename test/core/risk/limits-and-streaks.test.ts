import { describe, expect, it } from 'vitest';
import {
  forSession,
  recordOrder,
  recordTradeOutcome,
  emptyRiskState,
} from '../../../lib/core/risk/account-risk-state';
import { DEFAULT_RISK_LIMITS, defaultLimitSet, effectiveLimits } from '../../../lib/core/risk/limits';
import { winRate } from '../../../lib/core/strategies/config';

describe('effectiveLimits', () => {
  const set = {
    ...defaultLimitSet('a'),
    strategies: { s1: { maxOrderQuantity: 500, maxPositionQuantity: 2_000 } },
    symbols: { TSLA: { maxOrderQuantity: 200, maxConcentration: 0.05 }, SPY: { maxConcentration: 0.9 } },
  };
  it('the account limits when nothing overrides', () =>
    expect(effectiveLimits(set, 'AAPL')).toBe(set.account));
  it('a strategy or a symbol override replaces the account limit, looser or tighter', () => {
    expect(effectiveLimits(set, 'AAPL', 's1').maxOrderQuantity).toBe(500);
    expect(effectiveLimits(set, 'SPY').maxConcentration).toBe(0.9);
  });
  it('strategy and symbol together: the tighter wins', () => {
    const limits = effectiveLimits(set, 'TSLA', 's1');
    expect(limits.maxOrderQuantity).toBe(200);
    expect(limits.maxPositionQuantity).toBe(2_000);
    expect(limits.maxConcentration).toBe(0.05);
    expect(limits.dailyLossLimit).toBe(DEFAULT_RISK_LIMITS.dailyLossLimit);
  });
});

describe('account risk state', () => {
  const limits = {
    ...DEFAULT_RISK_LIMITS,
    maxOrdersPerWindow: 3,
    orderWindowSeconds: 10,
    duplicateWindowSeconds: 2,
  };
  it('keeps only what the windows can see, bounded by the rate limit', () => {
    let state = emptyRiskState('2026-11-20', 100);
    for (const at of [0, 1_000, 5_000, 9_000, 12_000]) {
      state = recordOrder(state, { at, symbol: 'AAPL', side: 'buy', quantity: 1 }, limits);
    }
    expect(state.orderTimes).toEqual([5_000, 9_000, 12_000]);
    expect(state.recentOrders.map((order) => order.at)).toEqual([12_000]);
  });
  it('a new session snapshots equity; the same session keeps its snapshot; streaks carry over', () => {
    const state = recordTradeOutcome(emptyRiskState('2026-11-19', 100), {
      orderId: 'o1',
      realizedPnlCents: -5,
    });
    expect(forSession(state, '2026-11-19', 50)).toBe(state);
    const next = forSession(state, '2026-11-20', 80);
    expect(next.sessionOpenEquityCents).toBe(80);
    expect(next.lossStreak.account.count).toBe(1);
  });
  it('losing streaks: losses count up, a win resets, fills of one order are one trade', () => {
    let state = emptyRiskState('d', 0);
    state = recordTradeOutcome(state, { orderId: 'o1', strategyId: 's', realizedPnlCents: -10 });
    state = recordTradeOutcome(state, { orderId: 'o2', strategyId: 's', realizedPnlCents: -10 });
    state = recordTradeOutcome(state, { orderId: 'o2', strategyId: 's', realizedPnlCents: -10 }); // second fill, same trade
    expect(state.lossStreak.account.count).toBe(2);
    expect(state.lossStreak.strategies.s!.count).toBe(2);
    state = recordTradeOutcome(state, { orderId: 'o3', realizedPnlCents: -1 });
    expect(state.lossStreak.account.count).toBe(3);
    expect(state.lossStreak.strategies.s!.count).toBe(2); // o3 had no strategy
    state = recordTradeOutcome(state, { orderId: 'o3', realizedPnlCents: 5 }); // o3 ends a winner after all
    expect(state.lossStreak.account.count).toBe(0);
    state = recordTradeOutcome(state, { orderId: 'o4', realizedPnlCents: -1 });
    expect(state.lossStreak.account.count).toBe(1);
  });
});

describe('strategy performance', () => {
  it('sums realised P&L, counts trades once per order and wins on the order total', () => {
    let state = emptyRiskState('d', 0);
    state = recordTradeOutcome(state, { orderId: 'o1', strategyId: 's', realizedPnlCents: 500 });
    state = recordTradeOutcome(state, { orderId: 'o2', strategyId: 's', realizedPnlCents: -200 });
    state = recordTradeOutcome(state, { orderId: 'o2', strategyId: 's', realizedPnlCents: 300 }); // o2 ends up +100
    state = recordTradeOutcome(state, { orderId: 'o3', realizedPnlCents: -50 }); // no strategy
    expect(state.performance?.s).toMatchObject({ realizedPnlCents: 600, trades: 2, wins: 2 });
    expect(winRate(state.performance!.s!)).toBe(1);
    expect(Object.keys(state.performance!)).toEqual(['s']);
  });
});
