import { describe, expect, it } from 'vitest';
import { type Trade, tradeBreakdown, tradeStatistics } from '../../../lib/core/analytics';

const trade = (pnl: number, entry: string, exit: string, extra: Partial<Trade> = {}): Trade => ({
  symbol: 'AAPL',
  direction: 'long',
  quantity: 10,
  entryAt: `2026-01-${entry}T15:00:00Z`,
  exitAt: `2026-01-${exit}T15:00:00Z`,
  entryPrice: 100,
  exitPrice: 100 + pnl / 10,
  fees: 1,
  pnl,
  ...extra,
});

describe('trade statistics', () => {
  const trades = [
    trade(100, '02', '03'),
    trade(-50, '05', '06'),
    trade(-30, '07', '09'),
    trade(200, '10', '12', { symbol: 'MSFT', strategyId: 's2' }),
    trade(0, '12', '13'),
    trade(20, '14', '15', { strategyId: 's2' }),
  ];
  it('computes win rate, profit factor, averages, expectancy, extremes, streaks, holding time and exposure', () => {
    expect(tradeStatistics(trades, { from: '2026-01-01T15:00:00Z', to: '2026-01-21T15:00:00Z' })).toEqual({
      trades: 6,
      wins: 3,
      losses: 2,
      winRate: 0.5,
      profitFactor: 320 / 80,
      averageWin: 320 / 3,
      averageLoss: -40,
      expectancy: 240 / 6,
      largestWin: 200,
      largestLoss: -50,
      maxConsecutiveWins: 1,
      maxConsecutiveLosses: 2,
      averageHoldingHours: (24 * (1 + 1 + 2 + 2 + 1 + 1)) / 6,
      exposure: 8 / 20, // days 2–3, 5–6, 7–9, 10–12, 12–13, 14–15: 8 of 20 days
      netPnl: 240,
      fees: 6,
    });
  });
  it('with no losing trade the profit factor is infinite; with no trade, the ratios are null', () => {
    expect(tradeStatistics([trade(5, '02', '03')]).profitFactor).toBe(Number.POSITIVE_INFINITY);
    expect(tradeStatistics([])).toMatchObject({
      trades: 0,
      winRate: null,
      profitFactor: null,
      expectancy: null,
    });
  });
  it('breaks down by strategy and by symbol', () => {
    const byStrategy = tradeBreakdown(trades, (t) => t.strategyId ?? 'manual');
    expect(Object.keys(byStrategy)).toEqual(['manual', 's2']);
    expect(byStrategy.s2).toMatchObject({ trades: 2, netPnl: 220 });
    expect(tradeBreakdown(trades, (t) => t.symbol).MSFT).toMatchObject({ trades: 1, largestWin: 200 });
  });
});
