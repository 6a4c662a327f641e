/*
 * Return statistics with empyrical's conventions (stated because users compare numbers):
 * returns are simple periodic returns as fractions; NaN marks a gap — skipped by means,
 * deviations and percentiles, counted as a zero return when compounding, and still counted as
 * a period when annualising (as empyrical does: years = observations / periods per year).
 */

export function finite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out.push(values[i]!);
  return out;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Standard deviation with `ddof` (1 = sample). */
export function deviation(values: readonly number[], ddof = 1): number {
  if (values.length - ddof <= 0) return Number.NaN;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) * (value - m);
  return Math.sqrt(squares / (values.length - ddof));
}

/** numpy's default percentile (linear interpolation between closest ranks), q in 0–100. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * q) / 100;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Compounded growth of 1: ∏(1 + r) − 1, a gap counting as 0. */
export function cumulativeReturn(returns: ArrayLike<number>): number {
  let wealth = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    if (!Number.isNaN(r)) wealth *= 1 + r;
  }
  return wealth - 1;
}

/** Geometric annual return: (1 + cumulative)^(periods per year / observations) − 1. */
export function annualReturn(returns: ArrayLike<number>, periodsPerYear: number): number {
  if (returns.length === 0) return Number.NaN;
  return (1 + cumulativeReturn(returns)) ** (periodsPerYear / returns.length) - 1;
}

/**
 * Maximum drawdown as a negative fraction (−0.25 = a 25 % fall from a peak), measured on
 * wealth starting at 1 before the first return — so a first-period loss is a drawdown.
 */
export function maxDrawdown(returns: ArrayLike<number>): number {
  let wealth = 1;
  let peak = 1;
  let worst = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    if (!Number.isNaN(r)) wealth *= 1 + r;
    peak = Math.max(peak, wealth);
    worst = Math.min(worst, wealth / peak - 1);
  }
  return worst;
}

/** The drawdown after each period (0 at a peak, negative below it). */
export function drawdownSeries(returns: ArrayLike<number>): Float64Array {
  const out = new Float64Array(returns.length);
  let wealth = 1;
  let peak = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    if (!Number.isNaN(r)) wealth *= 1 + r;
    peak = Math.max(peak, wealth);
    out[i] = wealth / peak - 1;
  }
  return out;
}

/** Biased sample skewness (scipy.stats.skew's default). */
export function skewness(values: readonly number[]): number {
  const m = mean(values);
  let m2 = 0;
  let m3 = 0;
  for (const value of values) {
    const d = value - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= values.length;
  m3 /= values.length;
  return m2 === 0 ? Number.NaN : m3 / m2 ** 1.5;
}

/** Biased excess kurtosis, Fisher's definition (scipy.stats.kurtosis's default). */
export function excessKurtosis(values: readonly number[]): number {
  const m = mean(values);
  let m2 = 0;
  let m4 = 0;
  for (const value of values) {
    const d = value - m;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= values.length;
  m4 /= values.length;
  return m2 === 0 ? Number.NaN : m4 / (m2 * m2) - 3;
}

/** R² of a least-squares line through the cumulative log returns (empyrical's stability). */
export function stability(returns: ArrayLike<number>): number {
  const logs = finite(returns).map((r) => Math.log1p(r));
  if (logs.length < 2) return Number.NaN;
  const y: number[] = [];
  let sum = 0;
  for (const value of logs) y.push((sum += value));
  const x = y.map((_, i) => i);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < y.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return syy === 0 ? Number.NaN : (sxy * sxy) / (sxx * syy);
}
