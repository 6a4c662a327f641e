import type { Strategy } from '../strategies/strategy';
import { type BarSeries, sliceSeries } from './bar-series';
import { type BacktestConfig, type BacktestResult, runBacktest } from './engine';

/**
 * Walk-forward analysis: in-sample windows choose the parameters, the next out-of-sample window
 * trades them. `rolling` slides a fixed in-sample window; `anchored` grows it from the first bar.
 */
export interface WalkForwardPlan {
  mode: 'rolling' | 'anchored';
  inSampleBars: number;
  outOfSampleBars: number;
}

export interface WalkForwardWindow<P> {
  /** Bar indices, half-open. */
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number };
  parameters: P;
  /** The chosen parameters' metric in sample, and the same metric out of sample. */
  inSampleScore: number;
  outOfSampleScore: number;
  /** What the window's out-of-sample trading returned (fraction of the capital it began with). */
  outOfSampleReturn: number;
}

export interface WalkForwardResult<P> {
  windows: WalkForwardWindow<P>[];
  /** The out-of-sample equity, window after window, compounded from the capital. */
  stitched: { time: number[]; value: number[] };
}

/** The windows of a plan over `bars` bars: each out-of-sample window follows its in-sample one. */
export function walkForwardWindows(
  plan: WalkForwardPlan,
  bars: number,
): { inSample: { from: number; to: number }; outOfSample: { from: number; to: number } }[] {
  if (!(plan.inSampleBars > 0 && plan.outOfSampleBars > 0))
    throw new RangeError('walk-forward windows need at least one bar in and out of sample');
  const windows = [];
  for (let start = plan.inSampleBars; start < bars; start += plan.outOfSampleBars) {
    const from = plan.mode === 'anchored' ? 0 : start - plan.inSampleBars;
    windows.push({
      inSample: { from, to: start },
      outOfSample: { from: start, to: Math.min(bars, start + plan.outOfSampleBars) },
    });
  }
  return windows;
}

/**
 * Runs a walk-forward: in each in-sample window every candidate is backtested and the one with the
 * best `metric` is kept; it then trades the out-of-sample window — replayed from the in-sample
 * window's start so its indicators are warm, trading only from the out-of-sample start
 * (`tradeFrom`): what it decides never saw the bars it trades on. Ties keep the earlier candidate.
 */
export function walkForward<P>(
  series: BarSeries,
  candidates: readonly P[],
  strategyOf: (parameters: P) => Strategy,
  config: BacktestConfig,
  plan: WalkForwardPlan,
  metric: (result: BacktestResult) => number,
): WalkForwardResult<P> {
  if (candidates.length === 0) throw new RangeError('walk-forward needs at least one candidate');
  const windows: WalkForwardWindow<P>[] = [];
  const stitched = { time: [] as number[], value: [] as number[] };
  let capital = config.capital;
  for (const { inSample, outOfSample } of walkForwardWindows(plan, series.length)) {
    const sample = slice(series, inSample.from, inSample.to);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((parameters, i) => {
      const score = metric(runBacktest(strategyOf(parameters), [sample], config));
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    const parameters = candidates[best]!;
    const traded = runBacktest(strategyOf(parameters), [slice(series, inSample.from, outOfSample.to)], {
      ...config,
      tradeFrom: series.time[outOfSample.from]!,
    });
    const { time, value } = traded.equity;
    const startsAt = series.time[outOfSample.from]!;
    const first = time.findIndex((t) => t >= startsAt);
    const base = first > 0 ? value[first - 1]! : config.capital;
    for (let i = Math.max(0, first); i < time.length; i++) {
      stitched.time.push(time[i]!);
      stitched.value.push((capital * value[i]!) / base);
    }
    const outOfSampleReturn = (value[time.length - 1] ?? base) / base - 1;
    capital *= 1 + outOfSampleReturn;
    windows.push({
      inSample,
      outOfSample,
      parameters,
      inSampleScore: bestScore,
      outOfSampleScore: metric(
        runBacktest(strategyOf(parameters), [slice(series, outOfSample.from, outOfSample.to)], config),
      ),
      outOfSampleReturn,
    });
  }
  return { windows, stitched };
}

/** Bars `from` (inclusive) to `to` (exclusive) by index, sharing the buffers. */
function slice(series: BarSeries, from: number, to: number): BarSeries {
  return sliceSeries(series, series.time[from], series.time[to - 1]);
}
