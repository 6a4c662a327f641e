import { newYorkDateSpan, tradingSession } from '../market/nyse-calendar';
import { sessionBarCloses } from '../market/session-bars';
import { mulberry32 } from '../random';
import { type BarSeries, emptySeries } from './bar-series';

/**
 * A seeded synthetic market for repeatable tests and benchmarks. `gbm`: geometric Brownian
 * motion. `sv_jump`: stochastic variance (mean-reverting, Heston-like, Euler with truncation)
 * plus Poisson jumps with normal log sizes. Volume follows an intraday U-shape for sub-daily bars.
 * Each bar walks `steps` sub-steps so high and low are real extremes of the path.
 */
export interface SyntheticSpec {
  symbol: string;
  bars: number;
  /** The first bar closes at or after this instant (epoch ms)… */
  start: number;
  /** …or, when given, the last bar closes at or before this one. Bars lie on NYSE sessions. */
  end?: number;
  intervalMinutes: number;
  initialPrice: number;
  /** Annual drift and volatility (fractions), 252 × 390 minutes a year. */
  drift: number;
  volatility: number;
  seed: number;
  model?: 'gbm' | 'sv_jump';
  /** sv_jump: mean reversion speed, long-run volatility, volatility of variance. */
  meanReversion?: number;
  volOfVol?: number;
  /** sv_jump: jumps per year, mean and sd of the log jump. */
  jumpIntensity?: number;
  jumpMean?: number;
  jumpVolatility?: number;
  baseVolume?: number;
  steps?: number;
}

const MINUTES_PER_YEAR = 252 * 390;

/**
 * The trading time a bar spans: intraday bars their minutes; a bar of a day or more (1,440
 * minutes and up) its trading days — 390 minutes each, not 1,440 (counted as 1,440, a daily
 * path ran 3.7 years of drift and variance per 252 bars, and long ones left the range of a double).
 */
function tradingMinutesPerBar(intervalMinutes: number): number {
  return intervalMinutes >= 1_440 ? (intervalMinutes / 1_440) * 390 : intervalMinutes;
}

/** The longest path a synthetic spec may describe: beyond it prices leave any meaning (and, far beyond, a double's range). */
export const MAX_SYNTHETIC_YEARS = 1_000;

/** Years of trading a spec's path spans. */
export function syntheticYears(spec: Pick<SyntheticSpec, 'bars' | 'intervalMinutes'>): number {
  return (spec.bars * tradingMinutesPerBar(spec.intervalMinutes)) / MINUTES_PER_YEAR;
}

export function generateBars(spec: SyntheticSpec): BarSeries {
  const random = seeded(spec.seed);
  const gaussian = () => {
    // Box–Muller on two uniforms in (0, 1].
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const series = emptySeries(spec.symbol, spec.bars);
  const steps = spec.steps ?? 4;
  const dt = tradingMinutesPerBar(spec.intervalMinutes) / MINUTES_PER_YEAR / steps;
  const longRunVariance = spec.volatility ** 2;
  let variance = longRunVariance;
  let price = spec.initialPrice;
  const daily = spec.intervalMinutes >= 1_440;
  series.time.set(
    sessionBarCloses(
      spec.bars,
      spec.intervalMinutes,
      spec.end === undefined ? { from: spec.start } : { until: spec.end },
    ),
  );
  // Where a bar closing at `close` sits in its session, 0 (the first bar) to nearly 1; the
  // session looked up once per session rather than once per bar.
  let sessionOpen = 0;
  let sessionClose = Number.NEGATIVE_INFINITY;
  const sessionFraction = (close: number) => {
    if (close > sessionClose) {
      const session = tradingSession(newYorkDateSpan(close - 1).date)!;
      sessionOpen = session.open.getTime();
      sessionClose = session.close.getTime();
    }
    return (close - spec.intervalMinutes * 60_000 - sessionOpen) / (sessionClose - sessionOpen);
  };
  for (let i = 0; i < spec.bars; i++) {
    const open = price;
    let high = price;
    let low = price;
    for (let s = 0; s < steps; s++) {
      const sigma = Math.sqrt(Math.max(variance, 0));
      let logReturn = (spec.drift - 0.5 * sigma * sigma) * dt + sigma * Math.sqrt(dt) * gaussian();
      if (spec.model === 'sv_jump') {
        const kappa = spec.meanReversion ?? 3;
        const xi = spec.volOfVol ?? 0.5;
        variance += kappa * (longRunVariance - variance) * dt + xi * sigma * Math.sqrt(dt) * gaussian();
        variance = Math.max(variance, 1e-8);
        if (random() < (spec.jumpIntensity ?? 5) * dt) {
          logReturn += (spec.jumpMean ?? -0.02) + (spec.jumpVolatility ?? 0.04) * gaussian();
        }
      }
      price *= Math.exp(logReturn);
      if (price > high) high = price;
      if (price < low) low = price;
    }
    // Intraday volume in a U over the session: heavier at the open and the close.
    const profile = daily ? 1 : 0.6 + 6.4 * (sessionFraction(series.time[i]!) - 0.5) ** 2;
    series.open[i] = round(open);
    series.high[i] = round(high);
    series.low[i] = round(low);
    series.close[i] = round(price);
    series.volume[i] = Math.round((spec.baseVolume ?? 100_000) * profile * (0.5 + random()));
  }
  return series;
}

function round(price: number): number {
  return Math.round(price * 10_000) / 10_000;
}

/** Uniform numbers in [0, 1) from a seed (mulberry32): the same seed always gives the same market. */
export function seeded(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
