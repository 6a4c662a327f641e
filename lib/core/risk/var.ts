import { quantileOfSorted, sortedCopy } from '../analytics/return-statistics';
import { mulberry32 } from '../random';
import { normalPdf, normalQuantile } from './normal';

/*
 * Value at Risk and expected shortfall. Conventions (stated because users compare numbers):
 * - Inputs are periodic simple returns as fractions (0.01 = +1 %); results are positive
 *   losses as fractions of value (0.033 = a 3.3 % loss). Multiply by portfolio value for dollars.
 * - `confidence` is the VaR level, e.g. 0.95 or 0.99; the tail is the worst 1 − confidence.
 */

/**
 * Historical VaR: minus the (1 − confidence) percentile of the returns, with numpy's default
 * linear interpolation between closest ranks (`np.percentile(r, 100·(1 − c))`).
 */
export function historicalVaR(returns: ArrayLike<number>, confidence: number): number {
  return historicalVaROfSorted(sortedCopy(returns), confidence);
}

/** Historical VaR of returns already sorted ascending (callers that need several figures sort once). */
export function historicalVaROfSorted(sorted: ArrayLike<number>, confidence: number): number {
  checkConfidence(confidence);
  return -quantileOfSorted(sorted, 1 - confidence);
}

/**
 * Historical CVaR (expected shortfall) with empyrical's convention: the mean of the returns at
 * or below the cutoff rank `floor((n − 1)·(1 − confidence))`, as a positive loss.
 */
export function conditionalVaR(returns: ArrayLike<number>, confidence: number): number {
  return conditionalVaROfSorted(sortedCopy(returns), confidence);
}

/** Historical CVaR of returns already sorted ascending. */
export function conditionalVaROfSorted(sorted: ArrayLike<number>, confidence: number): number {
  checkConfidence(confidence);
  const cutoff = Math.floor((sorted.length - 1) * (1 - confidence));
  let sum = 0;
  for (let i = 0; i <= cutoff; i++) sum += sorted[i]!;
  return -sum / (cutoff + 1);
}

export interface NormalParameters {
  /** Mean periodic return. */
  mean: number;
  /** Standard deviation of periodic returns. */
  stdev: number;
}

/**
 * Parametric (variance–covariance) VaR under normal returns, over `horizon` periods with
 * square-root-of-time scaling: z·σ·√h − μ·h, where z = Φ⁻¹(confidence) exactly.
 */
export function parametricVaR(parameters: NormalParameters, confidence: number, horizon = 1): number {
  checkConfidence(confidence);
  const z = normalQuantile(confidence);
  return z * parameters.stdev * Math.sqrt(horizon) - parameters.mean * horizon;
}

/** Parametric expected shortfall under normal returns: σ·√h·φ(z)/(1 − c) − μ·h. */
export function parametricCVaR(parameters: NormalParameters, confidence: number, horizon = 1): number {
  checkConfidence(confidence);
  const z = normalQuantile(confidence);
  return (
    (parameters.stdev * Math.sqrt(horizon) * normalPdf(z)) / (1 - confidence) - parameters.mean * horizon
  );
}

/**
 * Monte Carlo VaR and CVaR: `simulations` normal draws of the horizon return (seeded, so the
 * same inputs give the same figures), then the historical estimators over the draws.
 */
export function monteCarloVaR(
  parameters: NormalParameters,
  confidence: number,
  options: { simulations?: number; seed: number; horizon?: number },
): { var: number; cvar: number } {
  checkConfidence(confidence);
  const horizon = options.horizon ?? 1;
  const draws = new Float64Array(options.simulations ?? 10_000);
  const random = seededNormal(options.seed);
  for (let i = 0; i < draws.length; i++) {
    draws[i] = parameters.mean * horizon + parameters.stdev * Math.sqrt(horizon) * random();
  }
  return { var: historicalVaR(draws, confidence), cvar: conditionalVaR(draws, confidence) };
}

/** Daily returns of a portfolio: for each day, Σ weight × asset return (weights as fractions of value). */
export function portfolioReturns(
  assetReturns: readonly ArrayLike<number>[],
  weights: ArrayLike<number>,
): Float64Array {
  const days = assetReturns[0]?.length ?? 0;
  const out = new Float64Array(days);
  for (let asset = 0; asset < assetReturns.length; asset++) {
    const series = assetReturns[asset]!;
    const weight = weights[asset]!;
    for (let day = 0; day < days; day++) out[day]! += weight * series[day]!;
  }
  return out;
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be strictly between 0 and 1: ${confidence}`);
}

/** Standard normal draws from a seeded mulberry32 generator through Box–Muller. */
function seededNormal(seed: number): () => number {
  const next = mulberry32(seed);
  const uniform = () => (next() + 0.5) / 4294967296; // in (0, 1): log(0) never happens
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
