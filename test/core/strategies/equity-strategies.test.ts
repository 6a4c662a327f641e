import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../../lib/core/strategies/registry';
import {
  type Bar,
  type MarketEvent,
  mergeBarsByTime,
  newestSignals,
  replay,
  type Signal,
} from '../../../lib/core/strategies/strategy';

/** Daily bars from closes: bar i closes on day i (2026-01-01 + i). */
function bars(symbol: string, closes: readonly number[]): MarketEvent[] {
  return closes.map((close, i) => ({
    kind: 'bar',
    bar: { symbol, time: day(i), open: close, high: close, low: close, close, volume: 1_000 },
  }));
}
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i, 21)).toISOString();
const summary = (signals: Signal[]) => signals.map((s) => [s.at, s.symbol, s.direction]);

describe('moving-average crossover', () => {
  // SMA(2) against SMA(3): below until bar 6 (10 > 9.33), above until bar 9 (11 < 11.67).
  const closes = [10, 10, 10, 9, 8, 9, 11, 13, 12, 10, 8];
  it('goes long on the bar the fast average crosses above, flat on the bar it crosses below', () => {
    const strategy = createStrategy('ma_crossover', { fast_period: 2, slow_period: 3 });
    expect(summary(replay(strategy, bars('AAPL', closes)).signals)).toEqual([
      [day(6), 'AAPL', 'long'],
      [day(9), 'AAPL', 'flat'],
    ]);
  });
  it('does not signal the first comparison (a strategy started mid-trend waits for a cross)', () => {
    const strategy = createStrategy('ma_crossover', { fast_period: 2, slow_period: 3 });
    expect(replay(strategy, bars('AAPL', [10, 11, 12, 13, 14])).signals).toEqual([]);
  });
  it('keeps symbols apart', () => {
    const strategy = createStrategy('ma_crossover', { fast_period: 2, slow_period: 3, average: 'ema' });
    const events = [...bars('AAA', closes), ...bars('BBB', [...closes].reverse())];
    const signals = replay(strategy, events).signals;
    expect(new Set(signals.map((s) => s.symbol))).toEqual(new Set(['AAA', 'BBB']));
    expect(signals.filter((s) => s.symbol === 'AAA').map((s) => s.direction)).toEqual(['long', 'flat']);
  });
});

describe('RSI mean reversion', () => {
  // Wilder RSI(2): 100, 50, 16.7 (bar 4: buy), 10, 50 (bar 6: not above 50), 82.2 (bar 7: exit).
  it('buys when RSI drops below oversold and exits when it recovers above the exit level', () => {
    const strategy = createStrategy('rsi_mean_reversion', { period: 2, oversold: 30, exit_level: 50 });
    const { signals } = replay(strategy, bars('XOM', [10, 11, 12, 11, 9, 8, 9, 11, 12]));
    expect(summary(signals)).toEqual([
      [day(4), 'XOM', 'long'],
      [day(7), 'XOM', 'flat'],
    ]);
    expect(signals[0]!.rationale).toMatch(/RSI\(2\) 16\.7 is below the oversold level 30/);
  });
});

describe('Bollinger breakout', () => {
  // Bands over 3 closes, 1σ: at bar 4 [10, 10, 13] → upper 12.41, close 13 breaks out; bar 6
  // [13, 14, 12] → middle 13, close 12 falls below it.
  it('goes long on the breakout bar and flat when the close falls below the middle band', () => {
    const strategy = createStrategy('bollinger_breakout', { period: 3, deviations: 1 });
    expect(summary(replay(strategy, bars('NVDA', [10, 10, 10, 10, 13, 14, 12, 11, 10])).signals)).toEqual([
      [day(4), 'NVDA', 'long'],
      [day(6), 'NVDA', 'flat'],
    ]);
  });
  it('a flat series (zero-width bands) is not a breakout', () => {
    const strategy = createStrategy('bollinger_breakout', { period: 3, deviations: 1 });
    expect(replay(strategy, bars('NVDA', [10, 10, 10, 10, 10])).signals).toEqual([]);
  });
});

describe('momentum rotation', () => {
  it('holds the top symbol by rate of change, rotates when the ranking changes, and exits when momentum turns negative', () => {
    const strategy = createStrategy('momentum_rotation', {
      lookback: 1,
      top: 1,
      watchlist: ['AAA', 'BBB', 'CCC'],
    });
    const series = { AAA: [10, 11, 12, 11, 10], BBB: [10, 10.5, 13.5, 14, 13], CCC: [10, 9, 9, 9, 8] };
    // Bars arrive interleaved, as a feed delivers them: a ranking happens once all three have a bar.
    const events: MarketEvent[] = [];
    for (let i = 0; i < 5; i++)
      for (const [symbol, closes] of Object.entries(series))
        events.push(...bars(symbol, closes).slice(i, i + 1));
    expect(summary(replay(strategy, events).signals)).toEqual([
      [day(1), 'AAA', 'long'], // AAA +10 %, BBB +5 %, CCC −10 %
      [day(2), 'AAA', 'flat'], // BBB +28.6 % takes the lead
      [day(2), 'BBB', 'long'],
      [day(4), 'BBB', 'flat'], // every rate of change negative: hold nothing
    ]);
  });
});

describe('the registry', () => {
  it('rejects parameters by name, with the rule that failed', () => {
    expect(() => createStrategy('ma_crossover', { fast_period: 20, slow_period: 10 })).toThrow(
      expect.objectContaining({
        code: 'STRATEGY_PARAMETERS_INVALID',
        details: [{ field: 'parameters.slow_period', problem: 'must be more than fast_period' }],
      }),
    );
    expect(() => createStrategy('ma_crossover', { fast_period: 1, wobble: true })).toThrow(
      expect.objectContaining({
        details: expect.arrayContaining([
          expect.objectContaining({ field: 'parameters.fast_period' }),
          expect.objectContaining({ field: 'parameters' }),
        ]),
      }),
    );
    expect(() => createStrategy('no_such', {})).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_STRATEGY_TYPE' }),
    );
  });
  it('fills defaults', () => {
    expect(() => createStrategy('rsi_mean_reversion', {})).not.toThrow();
  });
});

describe('newestSignals (the replay the engine cycle and the signals page share)', () => {
  const closes = [10, 10, 10, 9, 8, 9, 11, 13, 12, 10, 8];
  const crossover = () => createStrategy('ma_crossover', { fast_period: 2, slow_period: 3 });

  it('keeps the newest signal per symbol, over bars of several symbols merged by time', () => {
    const events = mergeBarsByTime(
      new Map([
        ['MSFT', bars('MSFT', closes.slice(0, 8)).map((event) => (event as { bar: Bar }).bar)],
        ['AAPL', bars('AAPL', closes).map((event) => (event as { bar: Bar }).bar)],
      ]),
    ).map((bar): MarketEvent => ({ kind: 'bar', bar }));
    expect(events.slice(0, 2).map((event) => (event as { bar: Bar }).bar.symbol)).toEqual(['AAPL', 'MSFT']);
    const newest = newestSignals(crossover(), events);
    expect([...newest.values()].map((s) => [s.symbol, s.at, s.direction])).toEqual([
      ['AAPL', day(9), 'flat'],
      ['MSFT', day(6), 'long'],
    ]);
  });

  it('says nothing made before the strategy became active', () => {
    expect(newestSignals(crossover(), bars('AAPL', closes), day(7)).get('AAPL')?.direction).toBe('flat');
    expect(newestSignals(crossover(), bars('AAPL', closes.slice(0, 9)), day(7)).size).toBe(0);
  });
});
