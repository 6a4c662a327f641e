import type { BacktestResult, BarSeries } from '../../core/backtest';
import { dailyReturnsOf, generateBars, runBacktest } from '../../core/backtest';
import { deflatedSharpeOfMoments, returnMoments } from '../../core/analytics/deflated-sharpe';
import { createStrategy } from '../../core/strategies/registry';
import type { BacktestComputation, ComputedRun, RankBy } from '../ports/backtest-jobs';
import { bySymbolInDollars, statisticsInDollars, toCent, tradeInDollars } from './in-dollars';

/** The bars a computation runs over: its series, or its synthetic path generated (deterministic). */
export function barsOf(computation: BacktestComputation): BarSeries[] {
  return 'synthetic' in computation.data
    ? [generateBars(computation.data.synthetic)]
    : computation.data.series;
}

/**
 * One combination of a backtest, pure: runs it and keeps it compact (trades capped at 500, equity
 * downsampled to at most 1,000 points), dollars to the cent. Runs wherever BacktestCompute puts
 * it — a worker thread, a Lambda invocation of a sweep's Distributed Map — and gives the same
 * answer everywhere.
 */
export function computeRun(
  computation: BacktestComputation,
  data: readonly BarSeries[],
  number: number,
): ComputedRun {
  const { parameters, combination } = computation.parameterSets[number - 1]!;
  // A configuration's versions compared: each run says which version it is.
  const version =
    typeof combination.version === 'number' && !('version' in parameters) ? combination.version : null;
  const result = runBacktest(createStrategy(computation.type, parameters), data, {
    capital: computation.capital,
    commission: computation.commission,
    slippage: { model: 'bps', bps: computation.slippageBps },
    sizing: computation.sizing,
  });
  return {
    number,
    run: { number, ...(version === null ? {} : { version }), ...summary(parameters, result) },
    moments: returnMoments(dailyReturnsOf(result)),
  };
}

/**
 * Ranks a sweep's runs, best first by `rankBy`, each given its deflated Sharpe against every
 * trial of the sweep (one run: the probability its Sharpe is above zero), so the best of many
 * is not read as skill. Ties keep the search's order, so the ranking never depends on which
 * worker finished first.
 */
export function rankRuns(computed: readonly ComputedRun[], rankBy: RankBy): Record<string, unknown>[] {
  // In the search's order: a sum of floats depends on its order, and the answer must not
  // depend on which worker finished first.
  const ordered = [...computed].sort((a, b) => a.number - b.number);
  const trialSharpes = ordered.map(({ moments }) => moments.sharpe).filter(Number.isFinite);
  return ordered
    .map(({ run, moments }) => {
      const deflated = deflatedSharpeOfMoments(moments, trialSharpes);
      const performance = { ...(run.performance as Record<string, unknown>) };
      performance.deflatedSharpe = Number.isFinite(deflated) ? deflated : null;
      return { ...run, performance };
    })
    .sort((a, b) => rank(b, rankBy) - rank(a, rankBy));
}

/** A backtest's compute on this thread: every combination, ranked. */
export function computeRuns(computation: BacktestComputation): Record<string, unknown>[] {
  const data = barsOf(computation);
  return rankRuns(
    computation.parameterSets.map((_, i) => computeRun(computation, data, i + 1)),
    computation.rankBy,
  );
}

function summary(parameters: Record<string, unknown>, result: BacktestResult): Record<string, unknown> {
  const step = Math.max(1, Math.ceil(result.equity.time.length / 1_000));
  const equity: [string, number][] = [];
  for (let i = 0; i < result.equity.time.length; i += step) {
    equity.push([new Date(result.equity.time[i]!).toISOString(), toCent(result.equity.value[i]!)]);
  }
  return {
    parameters,
    bars: result.bars,
    finalEquity: toCent(result.finalEquity),
    fees: toCent(result.fees),
    performance: finite(result.performance),
    tradeStatistics: finite(statisticsInDollars(result.tradeStatistics)),
    bySymbol: Object.fromEntries(
      Object.entries(bySymbolInDollars(result.bySymbol)).map(([symbol, stats]) => [symbol, finite(stats)]),
    ),
    trades: result.trades.slice(0, 500).map(tradeInDollars),
    equity,
  };
}

/** JSON has no Infinity (a profit factor with no losing trade): null instead. */
function finite(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      typeof value === 'number' && !Number.isFinite(value) ? null : value,
    ]),
  );
}

export function rank(run: Record<string, unknown>, metric: RankBy): number {
  const value = (run.performance as Record<string, number | null>)[metric];
  return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
}
