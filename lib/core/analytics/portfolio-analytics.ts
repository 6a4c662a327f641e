import { normalQuantile } from '../risk/normal';

/**
 * Book-level analytics over aligned return series (one array per member — strategies or
 * symbols — the same periods in the same order): how the members move together, how much the
 * book gains from holding them together, and each member's share of the book's risk.
 */

/** Pearson correlation of every pair: 1 on the diagonal; 0 where a series does not vary. */
export function correlationMatrix(series: readonly (readonly number[])[]): number[][] {
  return correlationOfCovariance(covarianceMatrix(series));
}

/** Correlations from a covariance matrix: 1 on the diagonal, 0 beside a member that does not vary. */
export function correlationOfCovariance(covariance: readonly (readonly number[])[]): number[][] {
  return covariance.map((row, i) =>
    row.map((value, j) => {
      if (i === j) return 1;
      const denominator = Math.sqrt(covariance[i]![i]! * covariance[j]![j]!);
      return denominator === 0 ? 0 : Math.max(-1, Math.min(1, value / denominator));
    }),
  );
}

/** Sample covariance of every pair (n − 1 in the denominator). */
export function covarianceMatrix(series: readonly (readonly number[])[]): number[][] {
  const length = checkAligned(series);
  if (length < 2) throw new RangeError('a covariance needs at least two periods');
  const means = series.map((values) => values.reduce((sum, value) => sum + value, 0) / length);
  return series.map((a, i) =>
    series.map((b, j) => {
      let sum = 0;
      for (let t = 0; t < length; t++) sum += (a[t]! - means[i]!) * (b[t]! - means[j]!);
      return sum / (length - 1);
    }),
  );
}

/**
 * The diversification ratio (Choueifaty & Coignard 2008): the weighted sum of the members'
 * volatilities over the book's volatility — 1 when they move as one, higher the more holding
 * them together cancels their risk. Weights in dollars (or fractions), covariance per period.
 */
export function diversificationRatio(
  weights: readonly number[],
  covariance: readonly (readonly number[])[],
): number {
  const book = Math.sqrt(quadratic(weights, covariance));
  const alone = weights.reduce((sum, w, i) => sum + Math.abs(w) * Math.sqrt(covariance[i]![i]!), 0);
  return book === 0 ? 1 : alone / book;
}

/**
 * Parametric (normal, zero mean) VaR of the book and each member's part of it (Euler allocation):
 * marginal VaR_i = z·(Σw)_i / σ_book, component VaR_i = w_i · marginal VaR_i, and the components
 * add up to the book's VaR exactly. Weights in dollars held; result in dollars per period.
 */
export function componentVaR(
  weights: readonly number[],
  covariance: readonly (readonly number[])[],
  confidence: number,
): { portfolio: number; marginal: number[]; components: number[] } {
  const z = normalQuantile(confidence);
  const sigma = Math.sqrt(quadratic(weights, covariance));
  const times = covariance.map((row) => row.reduce((sum, value, j) => sum + value * weights[j]!, 0));
  const marginal = times.map((value) => (sigma === 0 ? 0 : (z * value) / sigma));
  return {
    portfolio: z * sigma,
    marginal,
    components: marginal.map((value, i) => value * weights[i]!),
  };
}

function quadratic(weights: readonly number[], covariance: readonly (readonly number[])[]): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++)
    for (let j = 0; j < weights.length; j++) total += weights[i]! * covariance[i]![j]! * weights[j]!;
  return Math.max(0, total);
}

function checkAligned(series: readonly (readonly number[])[]): number {
  const length = series[0]?.length ?? 0;
  if (series.some((values) => values.length !== length))
    throw new RangeError('every series must cover the same periods');
  return length;
}
