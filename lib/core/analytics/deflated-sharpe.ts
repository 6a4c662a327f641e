import { normalCdf, normalQuantile } from '../risk/normal';

/** The Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * The Sharpe ratio the best of `trials` strategies would show by luck alone, per period, when
 * their Sharpe ratios vary by `trialVariance` (Bailey & López de Prado, "The Deflated Sharpe
 * Ratio", 2014, eq. for SR₀): the expected maximum of that many draws.
 */
export function expectedMaximumSharpe(trials: number, trialVariance: number): number {
  if (trials <= 1) return 0;
  return (
    Math.sqrt(trialVariance) *
    ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) +
      EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)))
  );
}

/**
 * The deflated Sharpe ratio: the probability that the selected strategy's true Sharpe ratio
 * exceeds what the best of `trials` would show by chance, given its returns' length, skewness
 * and kurtosis. `returns` are the selected strategy's per-period returns; `trialSharpes` the
 * per-period Sharpe ratios of every trial of the sweep (the selected one among them). Near 1:
 * skill is likely; near 0.5 or below: the best of many is what luck alone would give.
 */
export function deflatedSharpeRatio(returns: ArrayLike<number>, trialSharpes: readonly number[]): number {
  return deflatedSharpeOfMoments(returnMoments(returns), trialSharpes);
}

/**
 * What the deflation needs of one return series, per period: its length, Sharpe ratio,
 * skewness and (non-excess) kurtosis. Small and plain, so a sweep's runs can be computed apart
 * (worker threads, Lambda invocations) and deflated together once every trial is known.
 */
export interface ReturnMoments {
  n: number;
  sharpe: number;
  skewness: number;
  kurtosis: number;
}

/** The moments of a return series (population moments, as the paper uses); NaN when flat or too short. */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
  const n = returns.length;
  if (n < 3) return { n, sharpe: Number.NaN, skewness: Number.NaN, kurtosis: Number.NaN };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += returns[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i]! - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return { n, sharpe: Number.NaN, skewness: Number.NaN, kurtosis: Number.NaN };
  return { n, sharpe: mean / Math.sqrt(m2), skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

/** The deflated Sharpe ratio of a series given by its moments, against every trial's per-period Sharpe. */
export function deflatedSharpeOfMoments(moments: ReturnMoments, trialSharpes: readonly number[]): number {
  const { n, sharpe, skewness, kurtosis } = moments;
  if (!Number.isFinite(sharpe) || trialSharpes.length === 0) return Number.NaN;
  const trialMean = trialSharpes.reduce((sum, value) => sum + value, 0) / trialSharpes.length;
  const trialVariance =
    trialSharpes.length > 1
      ? trialSharpes.reduce((sum, value) => sum + (value - trialMean) ** 2, 0) / (trialSharpes.length - 1)
      : 0;
  const benchmark = expectedMaximumSharpe(trialSharpes.length, trialVariance);
  const denominator = Math.sqrt(1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe);
  return normalCdf(((sharpe - benchmark) * Math.sqrt(n - 1)) / denominator);
}

/** The Sharpe ratio per period (not annualised) of a return series: what the deflation compares. */
export function periodSharpe(returns: ArrayLike<number>): number {
  const n = returns.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += returns[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (returns[i]! - mean) ** 2;
  variance /= n;
  return variance > 0 ? mean / Math.sqrt(variance) : Number.NaN;
}
