import { randomUUID } from 'node:crypto';
import type { BacktestResult, BarSeries } from '../../core/backtest';
import { generateBars, runBacktest } from '../../core/backtest';
import { DomainError } from '../../core/errors';
import type { CommissionModel } from '../../core/execution/commission';
import { createStrategy, validateParameters } from '../../core/strategies/registry';
import type { Bar } from '../../core/strategies/strategy';
import { type BacktestRun, type BacktestStore, detailsOfBestOnly } from '../ports/backtest-store';
import type { Clock } from '../ports/clock';
import type { PriceHistory } from '../ports/price-history';
import { parseSyntheticSpec } from './backtest-command';
import { statisticsInDollars, toCent, tradeInDollars } from './in-dollars';

export interface BacktestDependencies {
  backtests: BacktestStore;
  history: PriceHistory;
  clock: Clock;
}

export interface BacktestApiRequest {
  type: string;
  parameters: Record<string, unknown>;
  /** Daily history of these symbols (the market's), or a synthetic spec. */
  data: { symbols: string[]; sessions: number } | { synthetic: string };
  capital: number;
  commission: CommissionModel;
  slippageBps: number;
  fraction: number;
  /** A grid: every combination of these parameter values is run. */
  sweep?: Record<string, unknown[]>;
  /** The metric the sweep's table is sorted by (descending). */
  rankBy: 'sharpe' | 'sortino' | 'calmar' | 'totalReturn';
}

const MAX_COMBINATIONS = 200;
const MAX_BARS = 2_000_000;

/**
 * Runs a backtest (or a parameter sweep) and stores it. Locally and in the API function it runs
 * in-process within the request; each run is kept compact (trades capped at 500, equity
 * downsampled to at most 1,000 points). Answers every run's metrics and the best run's details.
 */
export async function runAndStoreBacktest(
  deps: BacktestDependencies,
  accountId: string,
  actor: string,
  request: BacktestApiRequest,
): Promise<BacktestRun> {
  const combinations = grid(request.sweep ?? {});
  if (combinations.length > MAX_COMBINATIONS) {
    throw new DomainError(
      'SWEEP_TOO_LARGE',
      `${combinations.length} combinations; at most ${MAX_COMBINATIONS}`,
      'invalid',
      [{ field: 'sweep', in: 'body', problem: `must have at most ${MAX_COMBINATIONS} combinations` }],
    );
  }
  const parameterSets = combinations.map((combination) => {
    const parameters = { ...request.parameters, ...combination };
    validateParameters(request.type, parameters); // every combination named precisely before anything runs
    return { combination, parameters };
  });
  const data = await loadData(deps, request.data);
  if (data.reduce((sum, series) => sum + series.length, 0) > MAX_BARS) throw tooManyBars('data');
  const runs = parameterSets.map(({ combination, parameters }) =>
    summary(
      combination,
      runBacktest(createStrategy(request.type, parameters), data, {
        capital: request.capital,
        commission: request.commission,
        slippage: { model: 'bps', bps: request.slippageBps },
        sizing: { kind: 'equity_fraction', fraction: request.fraction },
      }),
    ),
  );
  runs.sort((a, b) => rank(b, request.rankBy) - rank(a, request.rankBy));
  const run: BacktestRun = {
    backtestId: `bt-${randomUUID().slice(0, 12)}`,
    accountId,
    status: 'completed',
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
    request: JSON.parse(JSON.stringify(request)) as Record<string, unknown>,
    runs,
  };
  await deps.backtests.save(run);
  // Answered as it is read back: a sweep's every run in full would outgrow a Lambda response.
  return { ...run, runs: detailsOfBestOnly(run.runs) };
}

async function loadData(deps: BacktestDependencies, data: BacktestApiRequest['data']): Promise<BarSeries[]> {
  if ('synthetic' in data) {
    // Limits are checked before the work: generating 100 M bars to refuse them took 30 s and 4.7 GB.
    const spec = parseSyntheticSpec(data.synthetic);
    if (spec.bars > MAX_BARS) throw tooManyBars('data.synthetic');
    return [generateBars(spec)];
  }
  const bars = await deps.history.dailyBars(data.symbols, data.sessions, deps.clock.now());
  const missing = data.symbols.filter((symbol) => !bars.has(symbol));
  if (missing.length > 0) {
    throw new DomainError('NO_HISTORY', `No history for ${missing.join(', ')}`, 'unprocessable', [
      { field: 'data.symbols', in: 'body', problem: `${missing.join(', ')} have no history` },
    ]);
  }
  return data.symbols.map((symbol) => toSeries(symbol, bars.get(symbol)!));
}

function tooManyBars(field: string): DomainError {
  return new DomainError('BACKTEST_TOO_LARGE', `More than ${MAX_BARS} bars`, 'invalid', [
    { field, in: 'body', problem: `must be at most ${MAX_BARS} bars` },
  ]);
}

function toSeries(symbol: string, bars: readonly Bar[]): BarSeries {
  return {
    symbol,
    length: bars.length,
    time: Float64Array.from(bars, (bar) => Date.parse(bar.time)),
    open: Float64Array.from(bars, (bar) => bar.open),
    high: Float64Array.from(bars, (bar) => bar.high),
    low: Float64Array.from(bars, (bar) => bar.low),
    close: Float64Array.from(bars, (bar) => bar.close),
    volume: Float64Array.from(bars, (bar) => bar.volume),
  };
}

function grid(sweep: Record<string, unknown[]>): Record<string, unknown>[] {
  let combinations: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(sweep)) {
    combinations = combinations.flatMap((combination) =>
      values.map((value) => ({ ...combination, [name]: value })),
    );
  }
  return combinations;
}

function summary(combination: Record<string, unknown>, result: BacktestResult): Record<string, unknown> {
  const step = Math.max(1, Math.ceil(result.equity.time.length / 1_000));
  const equity: [string, number][] = [];
  for (let i = 0; i < result.equity.time.length; i += step) {
    equity.push([
      new Date(result.equity.time[i]!).toISOString(),
      Math.round(result.equity.value[i]! * 100) / 100,
    ]);
  }
  const finite = (record: object) =>
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => [
        key,
        typeof value === 'number' && !Number.isFinite(value) ? null : value,
      ]),
    );
  return {
    parameters: combination,
    bars: result.bars,
    finalEquity: toCent(result.finalEquity),
    fees: toCent(result.fees),
    performance: finite(result.performance),
    tradeStatistics: finite(statisticsInDollars(result.tradeStatistics)),
    bySymbol: Object.fromEntries(
      Object.entries(result.bySymbol).map(([symbol, stats]) => [symbol, finite(statisticsInDollars(stats))]),
    ),
    trades: result.trades.slice(0, 500).map(tradeInDollars),
    equity,
  };
}

function rank(run: Record<string, unknown>, metric: BacktestApiRequest['rankBy']): number {
  const value = (run.performance as Record<string, number | null>)[metric];
  return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
}
