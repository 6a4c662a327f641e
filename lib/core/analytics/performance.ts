import {
  annualReturn,
  cumulativeReturn,
  deviation,
  excessKurtosis,
  finite,
  maxDrawdown,
  mean,
  quantileOfSorted,
  sortedCopy,
  skewness,
  stability,
} from './return-statistics';
import { conditionalVaROfSorted, historicalVaROfSorted } from '../risk/var';

export interface PerformanceOptions {
  periodsPerYear?: number;
  /** Per period, as a fraction (empyrical's `risk_free`). */
  riskFreeRate?: number;
  /** Benchmark returns aligned with the returns (same periods). */
  benchmark?: ArrayLike<number>;
}

/**
 * Performance of a return series, following empyrical (1.x) function by function:
 * - totalReturn: ∏(1 + r) − 1; annualReturn: geometric, years = observations / periodsPerYear.
 * - annualVolatility: sample deviation (ddof 1) × √periodsPerYear.
 * - sharpe: mean(r − rf) / sd(r − rf, ddof 1) × √periodsPerYear.
 * - sortino: mean(r − rf)·periodsPerYear / downside risk, downside risk =
 *   √(mean over all observations of min(r − rf, 0)²) × √periodsPerYear (target = rf).
 * - calmar: annualReturn / |maxDrawdown|; maxDrawdown: negative fraction, from a start of 1.
 * - valueAtRisk / conditionalValueAtRisk: the 5 % historical cutoff as a (negative) return —
 *   numpy percentile, and the mean of the returns up to rank ⌊(n − 1)·0.05⌋ (empyrical).
 * - skew, kurtosis: scipy's biased estimators (kurtosis in excess of 3).
 * - tailRatio: |95th percentile| / |5th percentile|; omega: Σ gains over Σ losses around rf;
 *   stability: R² of cumulative log returns against time.
 * - with a benchmark: beta = cov/var, alpha = (1 + mean(r − rf − β(b − rf)))^periodsPerYear − 1,
 *   trackingError = sd(r − b, ddof 1)·√periodsPerYear, informationRatio = mean(r − b) /
 *   sd(r − b, ddof 1)·√periodsPerYear, up/down capture = annual return of the strategy over the
 *   benchmark's up (down) periods / the benchmark's annual return over them.
 * Undefined ratios (a zero denominator) come out as ±Infinity or NaN, as in empyrical.
 */
export interface Performance {
  observations: number;
  totalReturn: number;
  annualReturn: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdown: number;
  valueAtRisk: number;
  conditionalValueAtRisk: number;
  skew: number;
  kurtosis: number;
  tailRatio: number;
  omega: number;
  stability: number;
  benchmark?: {
    alpha: number;
    beta: number;
    informationRatio: number;
    trackingError: number;
    upCapture: number;
    downCapture: number;
  };
}

export function computePerformance(
  returns: ArrayLike<number>,
  options: PerformanceOptions = {},
): Performance {
  const periods = options.periodsPerYear ?? 252;
  const riskFree = options.riskFreeRate ?? 0;
  const observed = finite(returns);
  const excess = observed.map((r) => r - riskFree);
  const sorted = sortedCopy(observed);
  const drawdown = maxDrawdown(returns);
  const annual = annualReturn(returns, periods);
  let downsideSquares = 0;
  for (const r of excess) downsideSquares += Math.min(r, 0) * Math.min(r, 0);
  const downsideRisk = Math.sqrt(downsideSquares / excess.length) * Math.sqrt(periods);
  let gains = 0;
  let losses = 0;
  for (const r of excess) {
    if (r > 0) gains += r;
    else losses -= r;
  }
  const performance: Performance = {
    observations: returns.length,
    totalReturn: cumulativeReturn(returns),
    annualReturn: annual,
    annualVolatility: deviation(observed) * Math.sqrt(periods),
    sharpe: (mean(excess) / deviation(excess)) * Math.sqrt(periods),
    sortino: (mean(excess) * periods) / downsideRisk,
    calmar: drawdown < 0 ? annual / Math.abs(drawdown) : Number.NaN,
    maxDrawdown: drawdown,
    // The risk library's estimators, as returns (empyrical reports VaR as a negative return).
    valueAtRisk: -historicalVaROfSorted(sorted, 0.95),
    conditionalValueAtRisk: -conditionalVaROfSorted(sorted, 0.95),
    skew: skewness(observed),
    kurtosis: excessKurtosis(observed),
    tailRatio: Math.abs(quantileOfSorted(sorted, 0.95)) / Math.abs(quantileOfSorted(sorted, 0.05)),
    omega: losses > 0 ? gains / losses : Number.NaN,
    stability: stability(returns),
  };
  if (options.benchmark)
    performance.benchmark = benchmarkStatistics(returns, options.benchmark, periods, riskFree);
  return performance;
}

function benchmarkStatistics(
  returns: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  periods: number,
  riskFree: number,
): NonNullable<Performance['benchmark']> {
  if (benchmark.length !== returns.length) {
    throw new RangeError(`the benchmark has ${benchmark.length} periods, the returns ${returns.length}`);
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isNaN(returns[i]!) && !Number.isNaN(benchmark[i]!)) pairs.push([returns[i]!, benchmark[i]!]);
  }
  const r = pairs.map(([value]) => value - riskFree);
  const b = pairs.map(([, value]) => value - riskFree);
  const mb = mean(b);
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < r.length; i++) {
    covariance += (b[i]! - mb) * r[i]!;
    variance += (b[i]! - mb) ** 2;
  }
  const beta = covariance / variance;
  const alpha = (1 + mean(r.map((value, i) => value - beta * b[i]!))) ** periods - 1;
  const active = pairs.map(([value, bench]) => value - bench);
  const capture = (select: (bench: number) => boolean) => {
    const chosen = pairs.filter(([, bench]) => select(bench));
    return (
      annualReturn(
        chosen.map(([value]) => value),
        periods,
      ) /
      annualReturn(
        chosen.map(([, bench]) => bench),
        periods,
      )
    );
  };
  return {
    alpha,
    beta,
    informationRatio: (mean(active) / deviation(active)) * Math.sqrt(periods),
    trackingError: deviation(active) * Math.sqrt(periods),
    upCapture: capture((bench) => bench > 0),
    downCapture: capture((bench) => bench < 0),
  };
}
