import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type BacktestConfig,
  type BarOrder,
  fillOnBar,
  formatBarsCsv,
  generateBars,
  MAX_SYNTHETIC_YEARS,
  parseBarsCsv,
  runBacktest,
} from '../../../lib/core/backtest';
import { createStrategy } from '../../../lib/core/strategies/registry';
import { annualisedVolatility, sharesFor } from '../../../lib/core/risk/sizing-model';
import { parseSyntheticSpec } from '../../../lib/app/backtest/backtest-command';

const golden = parseBarsCsv(readFileSync(new URL('./fixtures/golden.csv', import.meta.url), 'utf8'), 'GOLD');
const config: BacktestConfig = {
  capital: 10_000,
  commission: { kind: 'percent', bps: 10, minimum: 0 },
  slippage: { model: 'bps', bps: 10 },
  sizing: { kind: 'fixed', quantity: 100 },
};
const crossover = () => createStrategy('ma_crossover', { fast_period: 2, slow_period: 3 });

describe('the golden backtest (fixed CSV, SMA(2)/SMA(3), 10 bps commission and slippage, next-open fills)', () => {
  // Signals on closes: long at 2026-01-12 (SMA2 10 > SMA3 9.33), flat at 2026-01-15 (11 < 11.67).
  // Fills at the next opens: buy 100 at 12 × 1.001 = 12.012 (under the high 13.5), commission
  // $1.20; sell 100 at 11 × 0.999 = 10.989 (above the low 9.5), commission $1.10 (whole cents).
  // P&L (10.989 − 12.012) × 100 − 2.30 = −104.60; final equity 9,895.40.
  it('makes exactly these trades and ends at exactly this equity', () => {
    const result = runBacktest(crossover(), [golden], config);
    expect(result.trades).toEqual([
      {
        symbol: 'GOLD',
        direction: 'long',
        quantity: 100,
        entryAt: '2026-01-13T00:00:00.000Z',
        exitAt: '2026-01-16T00:00:00.000Z',
        entryPrice: expect.closeTo(12.012, 12),
        exitPrice: expect.closeTo(10.989, 12),
        fees: expect.closeTo(2.3, 10),
        pnl: expect.closeTo(-104.6, 9),
      },
    ]);
    expect(result.finalEquity).toBeCloseTo(9_895.4, 9);
    expect(result.fees).toBeCloseTo(2.3, 10);
    expect(result.bars).toBe(11);
    expect(result.equity.value).toHaveLength(11);
    expect(result.positions).toEqual([]);
    expect(result.tradeStatistics).toMatchObject({ trades: 1, losses: 1, winRate: 0 });
    expect(result.performance.totalReturn).toBeCloseTo(-0.01046, 10);
  });

  it('is deterministic: the same inputs give the same result, to the bit', () => {
    expect(runBacktest(crossover(), [golden], config)).toEqual(runBacktest(crossover(), [golden], config));
  });

  it('same-close fills trade at the signal bar (the look-ahead-free default is next open)', () => {
    const result = runBacktest(crossover(), [golden], {
      ...config,
      fillAt: 'same_close',
      slippage: { model: 'bps', bps: 0 },
    });
    expect(result.trades[0]).toMatchObject({
      entryAt: '2026-01-12T00:00:00.000Z',
      entryPrice: 11,
      exitPrice: 10,
    });
  });

  it('sizes by equity and never spends cash it does not have', () => {
    const result = runBacktest(crossover(), [golden], {
      ...config,
      sizing: { kind: 'equity_fraction', fraction: 2 },
    });
    expect(result.trades[0]!.quantity).toBeLessThan(10_000 / 12);
    expect(result.equity.value.every((value) => value > 0)).toBe(true);
  });

  it.each([
    ['fixed_fractional', { kind: 'fixed_fractional', riskFraction: 0.01, stopFraction: 0.05 }],
    ['kelly', { kind: 'kelly', winProbability: 0.6, winLossRatio: 1.5, multiplier: 0.5, maxFraction: 0.25 }],
  ] as const)(
    'sizes its entries with the shared %s model, at the signal’s close and equity',
    (_name, sizing) => {
      const result = runBacktest(crossover(), [golden], { ...config, sizing });
      // The entry signal is on 2026-01-12's close of 11 with the starting $10,000 in cash.
      expect(result.trades[0]!.quantity).toBe(sharesFor(sizing, { equity: 10_000, price: 11, lotSize: 1 }));
      expect(result.trades[0]!.quantity).toBeGreaterThan(0);
    },
  );

  it('targets volatility from the bars up to the signal', () => {
    const bars = generateBars({ ...parseSyntheticSpec('gbm:bars=400,seed=3,vol=0.3') });
    const sizing = {
      kind: 'volatility_target',
      targetVolatility: 0.1,
      lookbackBars: 20,
      maxFraction: 1,
    } as const;
    const result = runBacktest(createStrategy('ma_crossover', { fast_period: 5, slow_period: 20 }), [bars], {
      ...config,
      capital: 1_000_000,
      sizing,
    });
    const first = result.trades[0]!;
    // The entry fills on the bar after the signal: the signal's bar is the one before the fill.
    const signalBar = bars.time.indexOf(Date.parse(first.entryAt)) - 1;
    const volatility = annualisedVolatility(bars.close, bars.time, signalBar, 20);
    expect(volatility).toBeGreaterThan(0.1);
    expect(first.quantity).toBe(
      sharesFor(sizing, { equity: 1_000_000, price: bars.close[signalBar]!, lotSize: 1, volatility }),
    );
  });

  it('fills at most the volume share per bar, carrying the rest to the next bars', () => {
    const thin = { ...golden, volume: golden.volume.map(() => 40) };
    const result = runBacktest(crossover(), [thin], {
      ...config,
      maxVolumeShare: 0.5,
      slippage: { model: 'bps', bps: 0 },
    });
    // 100 shares at 20 a bar: the buy needs five bars (13th–16th… and the series ends first).
    expect(result.positions).toEqual([{ symbol: 'GOLD', quantity: 40, averagePrice: expect.any(Number) }]);
  });
});

describe('the bar fill model', () => {
  const bar = { open: 100, high: 105, low: 95, volume: 1_000 };
  const fill = { price: 0, quantity: 0 };
  const run = (order: BarOrder, bps = 0, share = 0) =>
    fillOnBar(order, bar, { model: 'bps', bps }, share, fill) ? { ...fill } : null;
  it('market: the open, slipped against the order, capped at the bar range', () => {
    expect(run({ side: 'buy', quantity: 10, type: 'market' }, 10)).toEqual({ price: 100.1, quantity: 10 });
    expect(run({ side: 'sell', quantity: 10, type: 'market' }, 10)).toEqual({ price: 99.9, quantity: 10 });
    expect(run({ side: 'buy', quantity: 10, type: 'market' }, 1_000)).toEqual({ price: 105, quantity: 10 });
  });
  it('limit: fills only if reached, at the better of open and limit', () => {
    expect(run({ side: 'buy', quantity: 1, type: 'limit', price: 94 })).toBeNull();
    expect(run({ side: 'buy', quantity: 1, type: 'limit', price: 97 })).toEqual({ price: 97, quantity: 1 });
    expect(run({ side: 'buy', quantity: 1, type: 'limit', price: 101 })).toEqual({ price: 100, quantity: 1 });
    expect(run({ side: 'sell', quantity: 1, type: 'limit', price: 104 })).toEqual({
      price: 104,
      quantity: 1,
    });
  });
  it('stop: triggers when reached, at the worse of open and stop', () => {
    expect(run({ side: 'buy', quantity: 1, type: 'stop', price: 106 })).toBeNull();
    expect(run({ side: 'buy', quantity: 1, type: 'stop', price: 103 })).toEqual({ price: 103, quantity: 1 });
    expect(run({ side: 'sell', quantity: 1, type: 'stop', price: 96 })).toEqual({ price: 96, quantity: 1 });
  });
  it('volume share: at most that share of the bar', () => {
    expect(run({ side: 'buy', quantity: 500, type: 'market' }, 0, 0.1)).toEqual({
      price: 100,
      quantity: 100,
    });
  });
  it('volume-share slippage grows with the order against the bar volume', () => {
    expect(
      fillOnBar(
        { side: 'buy', quantity: 100, type: 'market' },
        bar,
        { model: 'volume_share', bps: 100 },
        0,
        fill,
      ),
    ).toBe(true);
    expect(fill.price).toBeCloseTo(100.1, 10); // 100 bps × 10 % of volume
  });
});

describe('market data', () => {
  it('CSV round-trips; a bad row is refused with its line', () => {
    expect(parseBarsCsv(formatBarsCsv(golden), 'GOLD')).toEqual(golden);
    expect(() =>
      parseBarsCsv(
        'datetime,open,high,low,close,volume\n2026-01-02,1,2,0.5,1.5,10\n2026-01-01,1,2,0.5,1.5,10\n',
        'X',
      ),
    ).toThrow(/line 3: rows must be in ascending time/);
    expect(() =>
      parseBarsCsv('datetime,open,high,low,close,volume\n2026-01-02,1,2,0.5,abc,10\n', 'X'),
    ).toThrow(/line 2: close "abc"/);
    expect(() => parseBarsCsv('time,open\n', 'X')).toThrow(/no "datetime" column/);
  });
  it('reads CRLF lines, skips blank ones, takes columns in any order, and names a short row and a bad field', () => {
    const bars = parseBarsCsv(
      'Close,datetime,volume,open,low,high,extra\r\n101.5,2026-01-02T14:31:00.000Z,1200,100.25,99.75,102,x\r\n\r\n' +
        '102,1767364320,900,101.5,101,102.5,y\r\n',
      'X',
    );
    expect(bars.length).toBe(2);
    expect([...bars.time]).toEqual([Date.parse('2026-01-02T14:31:00.000Z'), 1767364320 * 1000]);
    expect([...bars.open]).toEqual([100.25, 101.5]);
    expect([...bars.close]).toEqual([101.5, 102]);
    expect([...bars.volume]).toEqual([1200, 900]);
    expect(() =>
      parseBarsCsv('datetime,open,high,low,close,volume\n2026-01-02,1,2,0.5\n2026-01-03,1,2,0.5,1,1\n', 'X'),
    ).toThrow(/line 2: expected 6 columns/);
    expect(() => parseBarsCsv('datetime,open,high,low,close,volume\n2026-01-02,1,2,-0.5,1,1\n', 'X')).toThrow(
      /line 2: low "-0.5" is not a price/,
    );
    expect(() => parseBarsCsv('datetime,open,high,low,close,volume\nsoon,1,2,0.5,1,1\n', 'X')).toThrow(
      /line 2: datetime "soon" is not a date/,
    );
  });
  it('the synthetic generator is seeded: same spec, same bars; high and low bound open and close', () => {
    const spec = {
      symbol: 'SYN',
      bars: 2_000,
      start: Date.UTC(2026, 0, 2, 14, 31),
      intervalMinutes: 1,
      initialPrice: 100,
      drift: 0.05,
      volatility: 0.3,
      seed: 11,
    };
    const a = generateBars(spec);
    expect(generateBars(spec)).toEqual(a);
    expect(generateBars({ ...spec, seed: 12 }).close).not.toEqual(a.close);
    const jumpy = generateBars({ ...spec, model: 'sv_jump', jumpIntensity: 2_000 });
    for (const series of [a, jumpy]) {
      for (let i = 0; i < series.length; i++) {
        expect(series.high[i]).toBeGreaterThanOrEqual(Math.max(series.open[i]!, series.close[i]!));
        expect(series.low[i]).toBeLessThanOrEqual(Math.min(series.open[i]!, series.close[i]!));
      }
    }
  });
});

describe('generateBars: the time a bar spans', () => {
  it.each([
    ['daily bars (252 a year)', 1_440, 252],
    ['minute bars (98,280 a year)', 1, 252 * 390],
  ])('realises the volatility asked for with %s', (_case, intervalMinutes, barsPerYear) => {
    const series = generateBars({
      symbol: 'SYN',
      bars: 20_000,
      start: Date.UTC(2026, 0, 2, 21),
      intervalMinutes,
      initialPrice: 100,
      drift: 0,
      volatility: 0.2,
      seed: 5,
      steps: 1,
    });
    const returns: number[] = [];
    for (let i = 1; i < series.length; i++) returns.push(Math.log(series.close[i]! / series.close[i - 1]!));
    const mean = returns.reduce((sum, value) => sum + value, 0) / returns.length;
    const variance = returns.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (returns.length - 1);
    // Annualised: 0.2 within sampling error (a daily bar counted as 1,440 trading minutes gave 0.38).
    expect(Math.sqrt(variance * barsPerYear)).toBeCloseTo(0.2, 1);
  });

  it('stays finite over the longest path a spec may describe', () => {
    const series = generateBars({
      symbol: 'SYN',
      bars: MAX_SYNTHETIC_YEARS * 252,
      start: Date.UTC(2026, 0, 2, 21),
      intervalMinutes: 1_440,
      initialPrice: 100,
      drift: 0.05,
      volatility: 0.2,
      seed: 1,
      steps: 1,
    });
    expect(series.close.every((price) => Number.isFinite(price) && price > 0)).toBe(true);
  });
});

describe('an options backtest: an iron condor on daily chains', () => {
  it('opens and closes condors as one position each, and the books add up', () => {
    const days = generateBars({
      symbol: 'SPY',
      bars: 252,
      start: Date.UTC(2025, 0, 2, 21),
      intervalMinutes: 1_440,
      initialPrice: 560,
      drift: 0.05,
      volatility: 0.18,
      seed: 3,
    });
    const strategy = createStrategy('iron_condor', {
      underlying: 'SPY',
      target_dte: 30,
      exit_dte: 5,
      wing_width: 10,
    });
    const result = runBacktest(strategy, [days], {
      capital: 100_000,
      commission: { kind: 'none' },
      optionCommission: { kind: 'per_contract', perContract: 0.65, minimum: 0 },
      slippage: { model: 'bps', bps: 0 },
      sizing: { kind: 'fixed', quantity: 0 },
      chains: [{ underlying: 'SPY', volatility: 0.2, strikeStep: 5, strikesEachSide: 40 }],
    });
    expect(result.trades.length).toBeGreaterThan(3);
    for (const trade of result.trades) expect(trade.direction).toBe('short');
    const closed = result.trades.reduce((sum, trade) => sum + trade.pnl, 0);
    const open = result.openOptions.reduce((sum, position) => sum + position.cashFlow + position.mark, 0);
    expect(result.finalEquity).toBeCloseTo(100_000 + closed + open, 6);
    expect(result.fees).toBeCloseTo(0.65 * 4 * (2 * result.trades.length + result.openOptions.length), 6);
  });
});

describe('bar times the strategies see', () => {
  it('are exactly toISOString of the bar, at any time of day and across days', () => {
    const times = [
      Date.UTC(2026, 0, 2, 0, 0, 0, 0),
      Date.UTC(2026, 0, 2, 9, 5, 7, 9),
      Date.UTC(2026, 0, 2, 23, 59, 59, 999),
      Date.UTC(2026, 0, 3, 14, 30, 0, 45),
    ];
    const series = {
      ...generateBars({
        symbol: 'T',
        bars: 4,
        start: 0,
        intervalMinutes: 1,
        initialPrice: 10,
        drift: 0,
        volatility: 0.1,
        seed: 1,
      }),
      time: Float64Array.from(times),
    };
    const seen: string[] = [];
    runBacktest(
      {
        type: 'probe',
        initialState: () => ({}),
        onEvent: (state, event) => (
          event.kind === 'bar' && seen.push(event.bar.time),
          { state, signals: [] }
        ),
      },
      [series],
      config,
    );
    expect(seen).toEqual(times.map((t) => new Date(t).toISOString()));
  });
});
