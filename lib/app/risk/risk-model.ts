import type { VarModel } from '../../core/risk/pre-trade/types';
import type { PriceHistory } from '../ports/price-history';

/** Trading days of history behind the covariances (about a year). */
const LOOKBACK_SESSIONS = 250;

/** Daily simple returns per symbol over the same sessions, and their covariance matrix. */
export interface ReturnsModel {
  symbols: readonly string[];
  index: ReadonlyMap<string, number>;
  returns: readonly Float64Array[];
  /** Row-major n×n sample covariance of daily returns. */
  covariance: Float64Array;
}

/**
 * The covariance model behind the VaR checks, built from daily closes and kept for the day: the
 * history does not change during a session, so a decision pays only for O(n) (the order's row)
 * and O(n²) (the portfolio variance) arithmetic, not for the O(n²·days) covariance.
 */
export class RiskModelCache {
  /** The day the caches below hold, each symbol's closes for it, and recent models by symbol set. */
  private day = '';
  private readonly closes = new Map<string, readonly number[] | null>();
  private readonly models = new Map<string, ReturnsModel>();

  constructor(
    private readonly history: PriceHistory,
    private readonly lookback = LOOKBACK_SESSIONS,
  ) {}

  /**
   * The model for these symbols as of `at` (day granularity); symbols without history are left
   * out. Closes are fetched once per symbol and day; concurrent orders over different sets of
   * symbols (a strategy engine's cycle) each find their model among the recent ones.
   */
  async model(symbols: readonly string[], at: Date): Promise<ReturnsModel> {
    const day = at.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.closes.clear();
      this.models.clear();
    }
    const wanted = [...new Set(symbols)].sort();
    const key = wanted.join(',');
    const cached = this.models.get(key);
    if (cached) return cached;
    const missing = wanted.filter((symbol) => !this.closes.has(symbol));
    if (missing.length > 0) {
      const fetched = await this.history.dailyCloses(missing, this.lookback, at);
      if (this.day !== day) return this.model(symbols, at); // the day turned while we fetched
      for (const symbol of missing) this.closes.set(symbol, fetched.get(symbol) ?? null);
    }
    const available = new Map<string, readonly number[]>();
    for (const symbol of wanted) {
      const series = this.closes.get(symbol);
      if (series) available.set(symbol, series);
    }
    const model = returnsModel(available);
    if (this.models.size >= MODELS_KEPT) this.models.delete(this.models.keys().next().value!);
    this.models.set(key, model);
    return model;
  }
}

/** Models kept per day (one per recently asked set of symbols). */
const MODELS_KEPT = 32;

export function returnsModel(closes: ReadonlyMap<string, readonly number[]>): ReturnsModel {
  const symbols = [...closes.keys()].filter((symbol) => (closes.get(symbol)?.length ?? 0) >= 3);
  const returns = symbols.map((symbol) => {
    const series = closes.get(symbol)!;
    const out = new Float64Array(series.length - 1);
    for (let day = 1; day < series.length; day++) out[day - 1] = series[day]! / series[day - 1]! - 1;
    return out;
  });
  const days = Math.min(...returns.map((series) => series.length));
  const n = symbols.length;
  const means = returns.map((series) => mean(series, days));
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      const a = returns[i]!;
      const b = returns[j]!;
      for (let day = 0; day < days; day++) sum += (a[day]! - means[i]!) * (b[day]! - means[j]!);
      const value = days > 1 ? sum / (days - 1) : 0;
      covariance[i * n + j] = value;
      covariance[j * n + i] = value;
    }
  }
  return { symbols, index: new Map(symbols.map((symbol, i) => [symbol, i])), returns, covariance };
}

/**
 * Portfolio risk in dollars of daily P&L for position values w (dollars, in the model's symbol
 * order): the variance wᵀΣw and the vector Σw (each symbol's covariance with the portfolio).
 */
export function portfolioRisk(
  model: ReturnsModel,
  weights: ArrayLike<number>,
): { variance: number; covarianceWith: Float64Array } {
  const n = model.symbols.length;
  const covarianceWith = new Float64Array(n);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += model.covariance[i * n + j]! * weights[j]!;
    covarianceWith[i] = row;
    variance += weights[i]! * row;
  }
  return { variance, covarianceWith };
}

/**
 * The order's view of portfolio risk: V = wᵀΣw, (Σw)ᵢ and Σᵢᵢ for `symbol`, with w the position
 * values in dollars. Null when the symbol, or a held symbol, has no history (fail closed).
 */
export function varModelFor(
  model: ReturnsModel,
  positionValues: ReadonlyMap<string, number>,
  symbol: string,
): VarModel | null {
  const n = model.symbols.length;
  const target = model.index.get(symbol);
  if (target === undefined) return null;
  const weights = new Float64Array(n);
  for (const [held, value] of positionValues) {
    const i = model.index.get(held);
    if (i === undefined) return null;
    weights[i] = value;
  }
  const { variance, covarianceWith } = portfolioRisk(model, weights);
  return {
    portfolioVariance: variance,
    covarianceWithSymbol: covarianceWith[target]!,
    symbolVariance: model.covariance[target * n + target]!,
  };
}

function mean(series: Float64Array, days: number): number {
  let sum = 0;
  for (let day = 0; day < days; day++) sum += series[day]!;
  return days > 0 ? sum / days : 0;
}
