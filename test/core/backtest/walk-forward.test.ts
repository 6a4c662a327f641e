import { describe, expect, it } from 'vitest';
import { seriesFromBars } from '../../../lib/core/backtest/bar-series';
import type { BacktestConfig } from '../../../lib/core/backtest/engine';
import { walkForward, walkForwardWindows } from '../../../lib/core/backtest/walk-forward';
import { deflatedSharpeRatio, expectedMaximumSharpe } from '../../../lib/core/analytics/deflated-sharpe';
import type { Bar, Strategy } from '../../../lib/core/strategies/strategy';
import { mulberry32 } from '../../../lib/core/random';

/** Always long (bias 1) or always short (bias −1), said on every bar: the simplest strategies whose best flips with the regime. */
function biased(bias: 1 | -1): Strategy<null> {
  return {
    type: 'biased',
    initialState: () => null,
    onEvent: (state, event) => ({
      state,
      signals:
        event.kind === 'bar'
          ? [
              {
                at: event.bar.time,
                symbol: 'X',
                direction: bias > 0 ? 'long' : 'short',
                strength: 1,
                rationale: 'bias',
              },
            ]
          : [],
    }),
  };
}

/** 600 daily bars: up 1 % a bar for 300, then down 2 % a bar. */
function regimeChange() {
  const bars: Bar[] = [];
  let price = 100;
  for (let i = 0; i < 600; i++) {
    price *= i < 300 ? 1.01 : 0.98;
    const time = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString();
    bars.push({ symbol: 'X', time, open: price, high: price, low: price, close: price, volume: 1e9 });
  }
  return seriesFromBars('X', bars);
}

const CONFIG: BacktestConfig = {
  capital: 100_000,
  commission: { kind: 'none' },
  slippage: { model: 'bps', bps: 0 },
  sizing: { kind: 'fixed', quantity: 100 },
  allowShort: true,
};

describe('walk-forward analysis', () => {
  it('lays out rolling and anchored windows, each out-of-sample window right after its in-sample one', () => {
    expect(walkForwardWindows({ mode: 'rolling', inSampleBars: 100, outOfSampleBars: 50 }, 260)).toEqual([
      { inSample: { from: 0, to: 100 }, outOfSample: { from: 100, to: 150 } },
      { inSample: { from: 50, to: 150 }, outOfSample: { from: 150, to: 200 } },
      { inSample: { from: 100, to: 200 }, outOfSample: { from: 200, to: 250 } },
      { inSample: { from: 150, to: 250 }, outOfSample: { from: 250, to: 260 } },
    ]);
    expect(
      walkForwardWindows({ mode: 'anchored', inSampleBars: 100, outOfSampleBars: 100 }, 300).map(
        (w) => w.inSample,
      ),
    ).toEqual([
      { from: 0, to: 100 },
      { from: 0, to: 200 },
    ]);
  });

  it('picks up a best parameter that changes halfway in the first window whose in-sample sees the change', () => {
    const result = walkForward(
      regimeChange(),
      [1, -1] as const,
      (bias) => biased(bias),
      CONFIG,
      {
        mode: 'rolling',
        inSampleBars: 100,
        outOfSampleBars: 50,
      },
      (run) => run.finalEquity,
    );
    const chosen = result.windows.map((window) => [window.inSample.to, window.parameters]);
    // In-sample windows ending by bar 300 saw only the rise; from [250, 350) on, the fall weighs more.
    for (const [end, bias] of chosen) expect(bias).toBe(end! <= 300 ? 1 : -1);
    expect(chosen.find(([, bias]) => bias === -1)).toEqual([350, -1]);
    // Out of sample: the long loses the first window of the fall; the short wins every window after.
    const returns = result.windows.map((window) => Math.sign(window.outOfSampleReturn));
    expect(returns).toEqual(result.windows.map((window) => (window.outOfSample.from === 300 ? -1 : 1)));
    // The stitched curve compounds the windows: it ends where their returns lead.
    const compounded = result.windows.reduce(
      (value, window) => value * (1 + window.outOfSampleReturn),
      CONFIG.capital,
    );
    expect(result.stitched.value.at(-1)).toBeCloseTo(compounded, 6);
    expect([...result.stitched.time].every((t, i, all) => i === 0 || t > all[i - 1]!)).toBe(true);
  });
});

describe('the deflated Sharpe ratio (Bailey & López de Prado)', () => {
  /** A seeded uniform → normal stream (Box–Muller). */
  function normals(seed: number, n: number, mean = 0, sd = 0.01): number[] {
    const random = mulberry32(seed);
    const uniform = () => (random() + 1) / 4_294_967_297; // in (0, 1)
    return Array.from(
      { length: n },
      () => mean + sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
    );
  }
  const sharpe = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return m / Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
  };

  it('expects a higher Sharpe from the best of more trials', () => {
    expect(expectedMaximumSharpe(1, 0.01)).toBe(0);
    expect(expectedMaximumSharpe(10, 0.01)).toBeLessThan(expectedMaximumSharpe(100, 0.01));
    expect(expectedMaximumSharpe(100, 0.01)).toBeLessThan(expectedMaximumSharpe(1000, 0.01));
  });

  it('deflates the best of 200 skill-less trials below significance, and keeps a real edge significant', () => {
    const trials = Array.from({ length: 200 }, (_, i) => normals(i + 1, 500));
    const sharpes = trials.map(sharpe);
    const best = trials[sharpes.indexOf(Math.max(...sharpes))]!;
    expect(deflatedSharpeRatio(best, sharpes)).toBeLessThan(0.9);
    const edge = normals(7, 500, 0.004);
    expect(deflatedSharpeRatio(edge, [sharpe(edge), ...sharpes.slice(0, 4)])).toBeGreaterThan(0.99);
  });
});
