import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BacktestConfig, runBacktest } from '../../../lib/core/backtest';
import { emptySeries } from '../../../lib/core/backtest/bar-series';
import type { VenueFills } from '../../../lib/core/backtest/engine';
import { DEFAULT_COMMISSION } from '../../../lib/core/execution/commission';
import { SIMULATED_SPREAD } from '../../../lib/core/market/quote-model';
import { toCents } from '../../../lib/core/money';
import { barSignal, type Signal, type Strategy } from '../../../lib/core/strategies/strategy';

/** Wednesday 2026-11-18: the regular session is 14:30–21:00 UTC. */
const SESSION_MINUTE = (minute: number) => Date.parse('2026-11-18T15:00:00Z') + minute * 60_000;

/** A strategy that says what it is told at given bar times (epoch ms → direction). */
function scripted(plan: ReadonlyMap<number, Signal['direction']>): Strategy {
  return {
    type: 'scripted',
    initialState: () => ({}),
    onEvent(state, event) {
      if (event.kind !== 'bar') return { state, signals: [] };
      const direction = plan.get(Date.parse(event.bar.time));
      return direction ? barSignal(state, event.bar, direction, 1, 'told to') : { state, signals: [] };
    },
  };
}

/** Bars of one symbol at these times, each closing at its price (open, high and low around it). */
function bars(symbol: string, times: readonly number[], closes: readonly number[]) {
  const series = emptySeries(symbol, times.length);
  times.forEach((time, i) => {
    series.time[i] = time;
    series.open[i] = closes[i]! + 1; // far from the close: a venue fill never uses it
    series.high[i] = closes[i]! + 2;
    series.low[i] = closes[i]! - 2;
    series.close[i] = closes[i]!;
    series.volume[i] = 1_000;
  });
  return series;
}

const venue: VenueFills = {
  book: { sharesPerLevel: 500, levels: 100 },
  spread: SIMULATED_SPREAD,
  tickSize: 0.01,
  maxSlippageBps: 50,
};
const config = (overrides: Partial<BacktestConfig> = {}): BacktestConfig => ({
  capital: 100_000,
  commission: DEFAULT_COMMISSION,
  slippage: { model: 'bps', bps: 0 },
  sizing: { kind: 'fixed', quantity: 100 },
  venue,
  ...overrides,
});

describe('backtest fills like the paper venue', () => {
  it('buys at the ask and sells at the bid of the quote around the signal bar’s close, at that bar', () => {
    const times = [0, 1, 2, 3].map(SESSION_MINUTE);
    // Close 100.00: 2 bps is 2 cents, so 99.99 × 100.01. Close 102.50: 2 cents, 102.49 × 102.51.
    const result = runBacktest(
      scripted(
        new Map([
          [times[1]!, 'long'],
          [times[2]!, 'flat'],
        ]),
      ),
      [bars('XYZ', times, [99, 100, 102.5, 101])],
      config(),
    );
    expect(result.fills).toEqual([
      expect.objectContaining({
        side: 'buy',
        quantity: 100,
        notionalCents: 1_000_100,
        commissionCents: 100,
        time: times[1],
      }),
      expect.objectContaining({
        side: 'sell',
        quantity: 100,
        notionalCents: 1_024_900,
        commissionCents: 100,
        time: times[2],
      }),
    ]);
    // Cash to the cent: 100,000 − 10,001 − 1 + 10,249 − 1.
    expect(result.finalEquity).toBe(100_246);
    expect(result.trades[0]!.pnl).toBe(246);
  });

  it('walks the book level by level, no further than the collar; the rest meets the next bar’s quote', () => {
    const times = [0, 1, 2].map(SESSION_MINUTE);
    const result = runBacktest(
      scripted(new Map([[times[0]!, 'long']])),
      [bars('XYZ', times, [100, 100, 100])],
      config({
        sizing: { kind: 'fixed', quantity: 120 },
        // 50 shares a level; the collar 2 bps from the mid (100.00) stops the buy at 100.02.
        venue: { ...venue, book: { sharesPerLevel: 50, levels: 100 }, maxSlippageBps: 2 },
      }),
    );
    expect(result.fills.map((fill) => [fill.time, fill.quantity, fill.notionalCents])).toEqual([
      [times[0], 100, 50 * 10_001 + 50 * 10_002],
      [times[1], 20, 20 * 10_001],
    ]);
  });

  it('trades only in the regular session: a signal on the closing bar waits for the next morning', () => {
    const close = Date.parse('2026-11-18T21:00:00Z');
    const nextMorning = Date.parse('2026-11-19T14:31:00Z');
    const result = runBacktest(
      scripted(new Map([[close, 'long']])),
      [bars('XYZ', [close - 60_000, close, nextMorning], [100, 100, 110])],
      config(),
    );
    expect(result.fills.map((fill) => [fill.time, fill.notionalCents])).toEqual([
      [nextMorning, 100 * 11_001],
    ]);
  });

  it('does not trade what the strategy signals on warm-up bars', () => {
    const times = [0, 1, 2, 3].map(SESSION_MINUTE);
    const result = runBacktest(
      scripted(
        new Map([
          [times[0]!, 'long'],
          [times[1]!, 'flat'],
          [times[2]!, 'long'],
        ]),
      ),
      [bars('XYZ', times, [100, 100, 100, 100])],
      config({ tradeFrom: times[2]! }),
    );
    expect(result.signals).toBe(1);
    expect(result.fills.map((fill) => fill.time)).toEqual([times[2]]);
  });

  it('keeps the books in cents: cash is the capital plus every fill’s money, positions the fills’ shares', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 50_000 }), { minLength: 5, maxLength: 40 }),
        fc.array(fc.constantFrom<Signal['direction']>('long', 'flat', 'short'), {
          minLength: 5,
          maxLength: 40,
        }),
        fc.boolean(),
        fc.boolean(),
        (cents, directions, allowShort, byVenue) => {
          const times = cents.map((_, i) => SESSION_MINUTE(i));
          const plan = new Map(
            directions.slice(0, times.length).map((direction, i) => [times[i]!, direction]),
          );
          const series = bars(
            'XYZ',
            times,
            cents.map((price) => price / 100),
          );
          const result = runBacktest(scripted(plan), [series], {
            ...config({ sizing: { kind: 'equity_fraction', fraction: 0.5 }, allowShort }),
            ...(byVenue ? {} : { venue: undefined, slippage: { model: 'bps', bps: 7 } }),
          });
          let cash = 10_000_000;
          let shares = 0;
          for (const fill of result.fills) {
            expect(Number.isInteger(fill.notionalCents) && Number.isInteger(fill.commissionCents)).toBe(true);
            cash += (fill.side === 'buy' ? -fill.notionalCents : fill.notionalCents) - fill.commissionCents;
            shares += fill.side === 'buy' ? fill.quantity : -fill.quantity;
          }
          const held = result.positions[0]?.quantity ?? 0;
          expect(held).toBe(shares);
          const last = series.close[series.length - 1]!;
          expect(toCents(result.finalEquity)).toBe(cash + toCents(held * last));
          expect(toCents(result.fees)).toBe(
            result.fills.reduce((sum, fill) => sum + fill.commissionCents, 0),
          );
        },
      ),
      { seed: 23, numRuns: 200 },
    );
  });
});
