import { randomUUID } from 'node:crypto';
import type { BarSeries, SyntheticSpec } from '../../core/backtest';
import { DomainError } from '../../core/errors';
import type { CommissionModel } from '../../core/execution/commission';
import type { SizingModel } from '../../core/risk/sizing-model';
import { validateParameters } from '../../core/strategies/registry';
import type { Bar } from '../../core/strategies/strategy';
import type {
  BacktestCompute,
  BacktestComputation,
  BacktestJob,
  BacktestJobs,
  RankBy,
} from '../ports/backtest-jobs';
import type { BacktestRun, BacktestStore } from '../ports/backtest-store';
import type { Clock } from '../ports/clock';
import type { PriceHistory } from '../ports/price-history';
import { parseSyntheticSpec } from './backtest-command';

export interface BacktestDependencies {
  backtests: BacktestStore;
  history: PriceHistory;
  clock: Clock;
  jobs: BacktestJobs;
  compute: BacktestCompute;
}

export interface BacktestApiRequest {
  type: string;
  parameters: Record<string, unknown>;
  /** Daily history of these symbols (the market's), or a synthetic spec. */
  data: { symbols: string[]; sessions: number } | { synthetic: string };
  capital: number;
  commission: CommissionModel;
  slippageBps: number;
  sizing: SizingModel;
  /** A grid: every combination of these parameter values is run. */
  sweep?: Record<string, unknown[]>;
  /** The metric the sweep's table is sorted by (descending). */
  rankBy: RankBy;
}

const MAX_COMBINATIONS = 200;
const MAX_BARS = 2_000_000;

/**
 * Accepts a backtest: everything that can be refused is refused now (the sweep's size, every
 * combination's parameters, the synthetic spec and its bars — before any bar is made), then it
 * is stored `queued` and handed to the runner. The answer comes at once; the trader polls the
 * id. A backtest can take minutes: no API answer ever waits behind one.
 */
export async function submitBacktest(
  deps: Pick<BacktestDependencies, 'backtests' | 'clock' | 'jobs'>,
  accountId: string,
  actor: string,
  request: BacktestApiRequest,
): Promise<BacktestRun> {
  parameterSetsOf(request);
  if ('synthetic' in request.data) syntheticOf(request.data.synthetic, deps.clock.now());
  const run: BacktestRun = {
    backtestId: `bt-${randomUUID().slice(0, 12)}`,
    accountId,
    status: 'queued',
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
    request: JSON.parse(JSON.stringify(request)) as Record<string, unknown>,
    runs: [],
  };
  await deps.backtests.save(run);
  try {
    await deps.jobs.enqueue({ accountId, backtestId: run.backtestId });
  } catch (error) {
    // Not queued, so it would wait forever: say so on the stored run, then answer the error.
    await deps.backtests.save({
      ...run,
      status: 'failed',
      error: { code: 'NOT_QUEUED', message: 'The backtest could not be queued; submit it again' },
    });
    throw error;
  }
  return run;
}

/**
 * The runner's work for one queued backtest: marks it running, loads the history, runs the
 * compute off this thread and stores the result (or why it failed). Deliveries are at least
 * once: a backtest already ended is left alone, and one found `running` is a redelivery after
 * the last attempt died (time or memory) — it is marked failed rather than run a third time.
 */
export async function runQueuedBacktest(deps: BacktestDependencies, job: BacktestJob): Promise<void> {
  const queued = await deps.backtests.get(job.accountId, job.backtestId);
  if (!queued || queued.status === 'completed' || queued.status === 'failed') return;
  if (queued.status === 'running') {
    await deps.backtests.save({
      ...queued,
      status: 'failed',
      finishedAt: deps.clock.now().toISOString(),
      error: {
        code: 'BACKTEST_ABORTED',
        message: 'The run stopped before it finished (out of time or memory); try fewer combinations or bars',
      },
    });
    return;
  }
  const running: BacktestRun = { ...queued, status: 'running', startedAt: deps.clock.now().toISOString() };
  await deps.backtests.save(running);
  try {
    const request = queued.request as unknown as BacktestApiRequest;
    const runs = await deps.compute.run({
      type: request.type,
      parameterSets: parameterSetsOf(request),
      data:
        'synthetic' in request.data
          ? { synthetic: syntheticOf(request.data.synthetic, deps.clock.now()) }
          : { series: await history(deps, request.data) },
      capital: request.capital,
      commission: request.commission,
      slippageBps: request.slippageBps,
      sizing: request.sizing,
      rankBy: request.rankBy,
    } satisfies BacktestComputation);
    await deps.backtests.save({
      ...running,
      status: 'completed',
      finishedAt: deps.clock.now().toISOString(),
      runs,
    });
  } catch (error) {
    const known = error instanceof DomainError;
    await deps.backtests.save({
      ...running,
      status: 'failed',
      finishedAt: deps.clock.now().toISOString(),
      error: known
        ? { code: error.code, message: error.message }
        : { code: 'BACKTEST_ERROR', message: 'The backtest failed unexpectedly. It has been logged.' },
    });
    if (!known) throw error; // logged and counted by the function's errors
  }
}

/** Every combination of the sweep, each validated (named precisely) before anything runs. */
function parameterSetsOf(request: BacktestApiRequest): BacktestComputation['parameterSets'] {
  const combinations = grid(request.sweep ?? {});
  if (combinations.length > MAX_COMBINATIONS) {
    throw new DomainError(
      'SWEEP_TOO_LARGE',
      `${combinations.length} combinations; at most ${MAX_COMBINATIONS}`,
      'invalid',
      [{ field: 'sweep', in: 'body', problem: `must have at most ${MAX_COMBINATIONS} combinations` }],
    );
  }
  // Each run's parameters in full, defaults included: what it ran with, shown beside its results.
  return combinations.map((combination) => ({
    combination,
    parameters: validateParameters(request.type, { ...request.parameters, ...combination }),
  }));
}

/** Limits are checked before the work: generating 100 M bars to refuse them took 30 s and 4.7 GB. */
function syntheticOf(text: string, endingAt: Date): SyntheticSpec {
  const spec = parseSyntheticSpec(text, endingAt);
  if (spec.bars > MAX_BARS) throw tooManyBars('data.synthetic');
  return spec;
}

async function history(
  deps: Pick<BacktestDependencies, 'history' | 'clock'>,
  data: { symbols: string[]; sessions: number },
): Promise<BarSeries[]> {
  const bars = await deps.history.dailyBars(data.symbols, data.sessions, deps.clock.now());
  const missing = data.symbols.filter((symbol) => !bars.has(symbol));
  if (missing.length > 0) {
    throw new DomainError('NO_HISTORY', `No history for ${missing.join(', ')}`, 'unprocessable', [
      { field: 'data.symbols', in: 'body', problem: `${missing.join(', ')} have no history` },
    ]);
  }
  const series = data.symbols.map((symbol) => toSeries(symbol, bars.get(symbol)!));
  if (series.reduce((sum, one) => sum + one.length, 0) > MAX_BARS) throw tooManyBars('data');
  return series;
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
