import type { BacktestResult } from '../../core/backtest';
import { dailyReturnsOf, generateBars, runBacktest } from '../../core/backtest';
import { deflatedSharpeRatio, periodSharpe } from '../../core/analytics/deflated-sharpe';
import { createStrategy } from '../../core/strategies/registry';
import type { BacktestComputation, RankBy } from '../ports/backtest-jobs';
import { bySymbolInDollars, statisticsInDollars, toCent, tradeInDollars } from './in-dollars';

/**
 * A backtest's compute, pure: generates the synthetic path if asked, runs every combination and
 * ranks them. Each run is kept compact (trades capped at 500, equity downsampled to at most
 * 1,000 points) and says dollars to the cent. Runs wherever BacktestCompute puts it.
 */
export function computeRuns(computation: BacktestComputation): Record<string, unknown>[] {
  const data =
    'synthetic' in computation.data ? [generateBars(computation.data.synthetic)] : computation.data.series;
  const computed = computation.parameterSets.map(({ parameters }) => {
    const result = runBacktest(createStrategy(computation.type, parameters), data, {
      capital: computation.capital,
      commission: computation.commission,
      slippage: { model: 'bps', bps: computation.slippageBps },
      sizing: computation.sizing,
    });
    return { run: summary(parameters, result), returns: dailyReturnsOf(result) };
  });
  // Each run's deflated Sharpe against every trial of the sweep (one run: the probability its
  // Sharpe is above zero), so the best of many is not read as skill.
  const trialSharpes = computed.map(({ returns }) => periodSharpe(returns)).filter(Number.isFinite);
  const runs = computed.map(({ run, returns }) => {
    const deflated = deflatedSharpeRatio(returns, trialSharpes);
    (run.performance as Record<string, unknown>).deflatedSharpe = Number.isFinite(deflated) ? deflated : null;
    return run;
  });
  return runs.sort((a, b) => rank(b, computation.rankBy) - rank(a, computation.rankBy));
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

function rank(run: Record<string, unknown>, metric: RankBy): number {
  const value = (run.performance as Record<string, number | null>)[metric];
  return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
}
