import {
  componentVaR,
  correlationOfCovariance,
  diversificationRatio,
} from '../../core/analytics/portfolio-analytics';
import type { Account } from '../../core/portfolio/account';
import type { ReturnsModel } from './risk-model';

/** How the book's holdings move together and who carries its risk (parametric, one day, 95 %). */
export interface BookAnalytics {
  /** The held symbols with history, in the order of the matrix. */
  symbols: string[];
  /** Correlation of their daily returns over the model's window. */
  correlation: number[][];
  /** Σ|wᵢ|σᵢ / σ(book): 1 when everything moves as one. */
  diversificationRatio: number;
  /** Dollars: the book's parametric VaR and each symbol's Euler component (they add up to it) and marginal VaR per dollar. */
  var95: number;
  bySymbol: { symbol: string; component: number; marginal: number }[];
  /** Each strategy's component (its holdings' share of the book's VaR); `null` for what no strategy holds. */
  byStrategy: { strategyId: string | null; component: number }[];
  /**
   * The book's beta to the benchmark in dollars (Σ wᵢβᵢ: what the book moves per 1 of the
   * benchmark's return, × the benchmark's value), and the trade that would bring it to zero — a
   * suggestion only, never sent. Null without the benchmark's history or quote.
   */
  beta: {
    benchmark: string;
    dollars: number;
    hedge: { side: 'buy' | 'sell'; quantity: number } | null;
  } | null;
}

/** What the book's beta is measured against. */
export const BETA_BENCHMARK = 'SPY';

/** The benchmark's price from the quotes, when quoted. */
export function benchmarkOf(
  quotes: ReadonlyMap<string, { bid: number; ask: number }>,
): { symbol: string; price: number } | null {
  const quote = quotes.get(BETA_BENCHMARK);
  return quote ? { symbol: BETA_BENCHMARK, price: (quote.bid + quote.ask) / 2 } : null;
}

const CONFIDENCE = 0.95;

export function bookAnalytics(
  account: Account,
  model: ReturnsModel,
  positionValues: ReadonlyMap<string, number>,
  benchmark: { symbol: string; price: number } | null = null,
): BookAnalytics {
  const n = model.symbols.length;
  const covariance = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => model.covariance[i * n + j]!),
  );
  const weights = model.symbols.map((symbol) => positionValues.get(symbol) ?? 0);
  const held = model.symbols.flatMap((symbol, i) => (weights[i] !== 0 ? [i] : []));
  const { portfolio, marginal, components } = componentVaR(weights, covariance, CONFIDENCE);
  const correlation = correlationOfCovariance(held.map((i) => held.map((j) => covariance[i]![j]!)));
  // A strategy's component is its own holdings against the book: Σᵢ w_s,ᵢ · marginalᵢ.
  const perShare = new Map(
    model.symbols.map((symbol, i) => [symbol, weights[i]! / (account.positions[symbol]?.quantity || 1)]),
  );
  const byStrategy: BookAnalytics['byStrategy'] = [];
  let attributed = 0;
  for (const [strategyId, positions] of Object.entries(account.strategyPositions ?? {})) {
    let component = 0;
    for (const [symbol, position] of Object.entries(positions)) {
      const i = model.index.get(symbol);
      if (i === undefined) continue;
      component += position.quantity * perShare.get(symbol)! * marginal[i]!;
    }
    if (component !== 0) {
      byStrategy.push({ strategyId, component });
      attributed += component;
    }
  }
  if (Math.abs(portfolio - attributed) > 1e-9)
    byStrategy.push({ strategyId: null, component: portfolio - attributed });
  return {
    beta: betaOf(benchmark, model, covariance, weights),
    symbols: held.map((i) => model.symbols[i]!),
    correlation,
    diversificationRatio: diversificationRatio(weights, covariance),
    var95: portfolio,
    bySymbol: held.map((i) => ({
      symbol: model.symbols[i]!,
      component: components[i]!,
      marginal: marginal[i]!,
    })),
    byStrategy,
  };
}

function betaOf(
  benchmark: { symbol: string; price: number } | null,
  model: ReturnsModel,
  covariance: readonly (readonly number[])[],
  weights: readonly number[],
): BookAnalytics['beta'] {
  const b = benchmark ? model.index.get(benchmark.symbol) : undefined;
  if (!benchmark || b === undefined || !(covariance[b]![b]! > 0)) return null;
  // Σ wᵢ·cov(i, b) / var(b): the dollars the book gains per 1 (100 %) of the benchmark's return.
  const dollars = weights.reduce((sum, w, i) => sum + (w * covariance[i]![b]!) / covariance[b]![b]!, 0);
  const quantity = Math.round(Math.abs(dollars) / benchmark.price);
  return {
    benchmark: benchmark.symbol,
    dollars,
    hedge: quantity === 0 ? null : { side: dollars > 0 ? 'sell' : 'buy', quantity },
  };
}
