/*
 * Return statistics with empyrical's conventions (stated because users compare numbers):
 * returns are simple periodic returns as fractions; NaN marks a gap — skipped by means,
 * deviations and percentiles, counted as a zero return when compounding, and still counted as
 * a period when annualising (as empyrical does: years = observations / periods per year).
 */

export function finite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out[j++] = values[i]!;
  return out;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Standard deviation with `ddof` (1 = sample). */
export function deviation(values: ArrayLike<number>, ddof = 1): number {
  if (values.length - ddof <= 0) return Number.NaN;
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - m) * (values[i]! - m);
  return Math.sqrt(squares / (values.length - ddof));
}

/** Ascending copy (typed-array sort: numeric, no comparator). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The q-quantile (0–1) of ascending values with numpy's default linear interpolation between
 * closest ranks (`np.percentile(v, 100·q)`); NaN when there are none.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
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

/**
 * The drawdown at each point of an equity curve: its fall from the highest equity so far, the
 * starting equity counting as the first high (0 at a peak, negative below it). From the curve
 * itself, not compounded returns, so it carries no accumulated rounding.
 */
export function drawdownSeries(equity: ArrayLike<number>, startingEquity: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = startingEquity;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i]!;
    if (value > peak) peak = value;
    out[i] = value / peak - 1;
  }
  return out;
}

/** Biased sample skewness (scipy.stats.skew's default). */
export function skewness(values: ArrayLike<number>): number {
  const m = mean(values);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= values.length;
  m3 /= values.length;
  return m2 === 0 ? Number.NaN : m3 / m2 ** 1.5;
}

/** Biased excess kurtosis, Fisher's definition (scipy.stats.kurtosis's default). */
export function excessKurtosis(values: ArrayLike<number>): number {
  const m = mean(values);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - m;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= values.length;
  m4 /= values.length;
  return m2 === 0 ? Number.NaN : m4 / (m2 * m2) - 3;
}

/** R² of a least-squares line through the cumulative log returns (empyrical's stability). */
export function stability(returns: ArrayLike<number>): number {
  const values = finite(returns);
  const n = values.length;
  if (n < 2) return Number.NaN;
  // Cumulative log returns y against x = 0…n−1, in one pass of sums.
  let y = 0;
  let sy = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    y += Math.log1p(values[i]!);
    sy += y;
    syy += y * y;
    sxy += i * y;
  }
  const sx = (n * (n - 1)) / 2;
  const sxx = ((n - 1) * n * (2 * n - 1)) / 6;
  const covariance = sxy - (sx * sy) / n;
  const varianceX = sxx - (sx * sx) / n;
  const varianceY = syy - (sy * sy) / n;
  return varianceY <= 0 ? Number.NaN : (covariance * covariance) / (varianceX * varianceY);
}
