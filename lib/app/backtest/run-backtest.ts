import { randomUUID } from 'node:crypto';
import type { BarSeries, SyntheticSpec } from '../../core/backtest';
import { DomainError } from '../../core/errors';
import type { CommissionModel } from '../../core/execution/commission';
import type { SizingModel } from '../../core/risk/sizing-model';
import { validateParameters } from '../../core/strategies/registry';
import {
  gridSize,
  type ParameterValues,
  type SearchMethod,
  searchCombinations,
} from '../../core/backtest/parameter-search';
import type { Bar } from '../../core/strategies/strategy';
import type {
  BacktestCompute,
  BacktestComputation,
  BacktestJob,
  BacktestJobs,
  ComputedRun,
  SweepFanOut,
  WalkForwardPlan,
  RankBy,
} from '../ports/backtest-jobs';
import { type BacktestRun, type BacktestStore, rankByOf } from '../ports/backtest-store';
import type { Clock } from '../ports/clock';
import type { PriceHistory } from '../ports/price-history';
import { parseSyntheticSpec } from './backtest-command';
import { loadDataset } from '../datasets/load-dataset';
import type { DatasetStore } from '../ports/dataset-store';
import { checkDatasetName } from '../../core/datasets/dataset';
import { rankRuns } from './compute-runs';
import { ProgressWriter } from './progress-writer';

export interface BacktestDependencies {
  backtests: BacktestStore;
  history: PriceHistory;
  clock: Clock;
  jobs: BacktestJobs;
  compute: BacktestCompute;
  /** Where a large sweep fans out (absent: it runs here, on every core). */
  fanOut?: SweepFanOut;
  /** The datasets (only the functions that read them are told where they are). */
  datasets?: () => Promise<DatasetStore>;
}

export interface BacktestApiRequest {
  type: string;
  parameters: Record<string, unknown>;
  /** Daily history of these symbols (the market's), a synthetic spec, or a dataset (its symbols, or those named). */
  data:
    { symbols: string[]; sessions: number } | { synthetic: string } | { dataset: string; symbols?: string[] };
  capital: number;
  commission: CommissionModel;
  slippageBps: number;
  sizing: SizingModel;
  /** The values to try per parameter (a list, or a stepped range): a grid of every combination… */
  sweep?: Record<string, ParameterValues>;
  /** …or a random search drawing that many of them (seeded, so the same request draws the same). */
  search?: SearchMethod;
  /** The metric the sweep's table is sorted by (descending), and a walk-forward's windows choose by. */
  rankBy: RankBy;
  /** Walk the sweep forward instead of running it once over all the bars. */
  walkForward?: WalkForwardPlan;
  /**
   * Instead of a sweep: these parameter sets, each labelled (a configuration's versions compared
   * side by side — `version-candidates.ts`).
   */
  candidates?: { combination: Record<string, unknown>; parameters: Record<string, unknown> }[];
}

/** A sweep's combinations: thousands, stored run by run (no item or response limit applies). */
const MAX_COMBINATIONS = 10_000;
const MAX_BARS = 2_000_000;

/**
 * Accepts a backtest: everything that can be refused is refused now (the sweep's size, every
 * combination's parameters, the synthetic spec and its bars — before any bar is made), then it
 * is stored `queued` and handed to the runner. The answer comes at once; the trader polls the
 * id. A backtest can take minutes: no API answer ever waits behind one.
 */
export async function submitBacktest(
  deps: Pick<BacktestDependencies, 'backtests' | 'clock' | 'jobs' | 'datasets'>,
  accountId: string,
  actor: string,
  request: BacktestApiRequest,
): Promise<BacktestRun> {
  parameterSetsOf(request);
  if (request.walkForward && !request.sweep) {
    throw new DomainError(
      'WALK_FORWARD_NEEDS_SWEEP',
      'A walk-forward chooses among the combinations of a sweep',
      'invalid',
      [{ field: 'walk_forward', in: 'body', problem: 'needs a sweep to choose from' }],
    );
  }
  if ('synthetic' in request.data) syntheticOf(request.data.synthetic, deps.clock.now());
  const dataset = 'dataset' in request.data ? await citedDataset(deps, request.data) : undefined;
  const run: BacktestRun = {
    backtestId: `bt-${randomUUID().slice(0, 12)}`,
    accountId,
    status: 'queued',
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
    request: JSON.parse(JSON.stringify(request)) as Record<string, unknown>,
    ...(dataset ? { dataset } : {}),
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
 * combinations off this thread and stores each as it finishes (so the API shows progress and
 * the best so far), then ranks them all. A cancel seen on the way stops the work and keeps the
 * runs finished. Deliveries are at least once: a backtest already ended is left alone, and one
 * found `running` is a redelivery after the last attempt died (time or memory) — it is marked
 * failed rather than run a third time.
 */
export async function runQueuedBacktest(deps: BacktestDependencies, job: BacktestJob): Promise<void> {
  const queued = await deps.backtests.getHeader(job.accountId, job.backtestId);
  if (!queued || queued.status !== 'queued') {
    if (queued?.status === 'running')
      await markFailed(deps, queued, {
        code: 'BACKTEST_ABORTED',
        message: 'The run stopped before it finished (out of time or memory); try fewer combinations or bars',
      });
    return;
  }
  const request = queued.request as unknown as BacktestApiRequest;
  const { sets: parameterSets, skipped } = parameterSetsOf(request);
  const running: BacktestRun = {
    ...queued,
    status: 'running',
    startedAt: deps.clock.now().toISOString(),
    progress: { done: 0, total: parameterSets.length },
    ...(skipped.count > 0 ? { skipped } : {}),
  };
  await deps.backtests.save(running);
  if (request.walkForward) return runWalkForward(deps, running, request.walkForward, parameterSets);
  if (deps.fanOut && parameterSets.length > FAN_OUT_ABOVE) {
    await deps.fanOut.start(job, chunksOf(parameterSets.length));
    return; // the sweep's state machine runs the chunks and ranks them
  }
  const progress = new ProgressWriter(deps.backtests, job);
  try {
    const computation = await computationOf(deps, running, parameterSets);
    await deps.compute.run(computation, {
      onRun: (computed) => progress.add(computed),
      signal: progress.signal,
    });
    await progress.flushed();
    await finishBacktest(deps, running, 'completed');
  } catch (error) {
    await progress.flushed().catch(() => undefined);
    if (error instanceof DomainError && error.code === 'BACKTEST_CANCELED') {
      return finishBacktest(deps, running, 'canceled');
    }
    await failBacktest(deps, running, error);
  }
}

/** A walk-forward's work: on one worker; its report is stored on the backtest (no runs). */
async function runWalkForward(
  deps: BacktestDependencies,
  running: BacktestRun,
  plan: WalkForwardPlan,
  parameterSets: BacktestComputation['parameterSets'],
): Promise<void> {
  try {
    const walkForward = await deps.compute.walkForward(
      await computationOf(deps, running, parameterSets),
      plan,
    );
    await storeEnded(deps, {
      ...running,
      status: 'completed',
      finishedAt: deps.clock.now().toISOString(),
      walkForward,
    });
  } catch (error) {
    await failBacktest(deps, running, error);
  }
}

/**
 * Stores a backtest that failed: a refusal with its code and message, anything else as
 * BACKTEST_ERROR without its cause — rethrown, to be logged and counted by the function.
 */
async function failBacktest(
  deps: Pick<BacktestDependencies, 'backtests' | 'clock'>,
  running: BacktestRun,
  error: unknown,
): Promise<void> {
  const known = error instanceof DomainError;
  await markFailed(
    deps,
    running,
    known
      ? { code: error.code, message: error.message }
      : { code: 'BACKTEST_ERROR', message: 'The backtest failed unexpectedly. It has been logged.' },
  );
  if (!known) throw error;
}

/** Stores a backtest as failed for `error`, its runs kept (with `onlyIf`: only while it has that status). */
export async function markFailed(
  deps: Pick<BacktestDependencies, 'backtests' | 'clock'>,
  header: BacktestRun,
  error: { code: string; message: string },
  onlyIf?: BacktestRun['status'],
): Promise<void> {
  await deps.backtests.save(
    { ...header, runs: [], status: 'failed', finishedAt: deps.clock.now().toISOString(), error },
    onlyIf,
  );
}

/**
 * Stores a backtest that ended: completed only if no cancel came since it started (the stored
 * status is still `running`) — a cancel is never undone; canceled otherwise.
 */
async function storeEnded(deps: Pick<BacktestDependencies, 'backtests'>, ended: BacktestRun): Promise<void> {
  if (ended.status === 'canceled' || !(await deps.backtests.save(ended, 'running'))) {
    await deps.backtests.save({ ...ended, status: 'canceled' });
  }
}

/**
 * What a backtest computes, from its stored request: the same on every host and in every chunk
 * of a fanned-out sweep (a synthetic path without a start ends when the backtest started).
 */
export async function computationOf(
  deps: Pick<BacktestDependencies, 'history' | 'datasets'>,
  header: BacktestRun,
  /** The combinations, when the caller has validated them already. */
  parameterSets?: BacktestComputation['parameterSets'],
): Promise<BacktestComputation> {
  const request = header.request as unknown as BacktestApiRequest;
  const startedAt = new Date(header.startedAt ?? header.createdAt);
  return {
    type: request.type,
    parameterSets: parameterSets ?? parameterSetsOf(request).sets,
    data:
      'synthetic' in request.data
        ? { synthetic: syntheticOf(request.data.synthetic, startedAt) }
        : 'dataset' in request.data
          ? { series: await datasetSeries(deps, request.data) }
          : {
              series: await history({ history: deps.history, clock: { now: () => startedAt } }, request.data),
            },
    capital: request.capital,
    commission: request.commission,
    slippageBps: request.slippageBps,
    sizing: request.sizing,
    rankBy: request.rankBy,
  };
}

/** Sweeps larger than this fan out where a host can (Step Functions' Distributed Map in AWS). */
export const FAN_OUT_ABOVE = 500;
/** Combinations per chunk of a fanned-out sweep: one Lambda invocation's work, minutes at most. */
export const CHUNK_SIZE = 50;

/** The chunks of a sweep of `total` combinations: ranges of their numbers, `to` included. */
export function chunksOf(total: number): { from: number; to: number }[] {
  return Array.from({ length: Math.ceil(total / CHUNK_SIZE) }, (_, i) => ({
    from: i * CHUNK_SIZE + 1,
    to: Math.min(total, (i + 1) * CHUNK_SIZE),
  }));
}

/**
 * Ranks every stored run of a backtest (each given its deflated Sharpe against all of them) and
 * stores the ranking with its final status. Also the last step of a sweep fanned out on Step
 * Functions, whose runs were stored by many invocations.
 */
export async function finishBacktest(
  deps: Pick<BacktestDependencies, 'backtests' | 'clock'>,
  header: BacktestRun,
  status: 'completed' | 'canceled',
): Promise<void> {
  const rows = await deps.backtests.summaries(header.accountId, header.backtestId);
  const ranked = rankRuns(
    rows.map((row) => ({
      number: Number(row.number),
      run: row,
      moments: row.moments as ComputedRun['moments'],
    })),
    rankByOf(header.request),
  );
  await storeEnded(deps, {
    ...header,
    status,
    finishedAt: deps.clock.now().toISOString(),
    progress: { done: ranked.length, total: header.progress?.total ?? ranked.length },
    runs: ranked,
  });
}

/**
 * Every combination of the search, each validated, before anything runs. In a sweep, a
 * combination the strategy refuses (a fast average not faster than the slow one) is skipped
 * and counted — a grid over two ranges often crosses such a line — unless all are refused.
 */
function parameterSetsOf(request: BacktestApiRequest): {
  sets: BacktestComputation['parameterSets'];
  skipped: { count: number; example?: string };
} {
  if (request.candidates) {
    return {
      sets: request.candidates.map(({ combination, parameters }) => ({
        combination,
        parameters: validateParameters(request.type, parameters),
      })),
      skipped: { count: 0 },
    };
  }
  const space = request.sweep ?? {};
  const total = gridSize(space);
  const search = request.search ?? { method: 'grid' };
  const trying = search.method === 'random' ? Math.min(search.samples, total) : total;
  if (trying > MAX_COMBINATIONS) {
    throw new DomainError(
      'SWEEP_TOO_LARGE',
      `${trying} combinations; at most ${MAX_COMBINATIONS}`,
      'invalid',
      [
        {
          field: 'sweep',
          in: 'body',
          problem: `must have at most ${MAX_COMBINATIONS} combinations (or use a random search)`,
        },
      ],
    );
  }
  const sets: BacktestComputation['parameterSets'] = [];
  let first: DomainError | undefined;
  let skipped = 0;
  for (const combination of searchCombinations(space, search)) {
    try {
      // Each run's parameters in full, defaults included: what it ran with, shown beside its results.
      sets.push({
        combination,
        parameters: validateParameters(request.type, { ...request.parameters, ...combination }),
      });
    } catch (error) {
      if (!(error instanceof DomainError) || !request.sweep) throw error;
      first ??= error;
      skipped++;
    }
  }
  if (sets.length === 0 && first) throw first;
  return { sets, skipped: { count: skipped, ...(first ? { example: first.message } : {}) } };
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

/** The dataset a request names, as the backtest cites it; refused (naming the field) when absent. */
async function citedDataset(
  deps: Pick<BacktestDependencies, 'datasets'>,
  data: { dataset: string; symbols?: string[] },
): Promise<NonNullable<BacktestRun['dataset']>> {
  const manifest = await (await datasetsOf(deps)).manifest(checkDatasetName(data.dataset, 'data.dataset'));
  if (!manifest) {
    throw new DomainError('DATASET_NOT_FOUND', `No dataset ${data.dataset}`, 'unprocessable', [
      { field: 'data.dataset', in: 'body', problem: `no dataset ${data.dataset} (stratus data list)` },
    ]);
  }
  const symbols = data.symbols ?? Object.keys(manifest.symbols);
  const missing = symbols.filter((symbol) => !manifest.symbols[symbol]?.bars);
  if (missing.length > 0) {
    throw new DomainError(
      'NO_HISTORY',
      `Dataset ${data.dataset} has no bars of ${missing.join(', ')}`,
      'unprocessable',
      [
        {
          field: 'data.symbols',
          in: 'body',
          problem: `${missing.join(', ')} not in dataset ${data.dataset}`,
        },
      ],
    );
  }
  const bars = symbols.reduce((sum, symbol) => sum + manifest.symbols[symbol]!.bars, 0);
  if (bars > MAX_BARS) throw tooManyBars('data.dataset');
  const { name, source, timeframe, adjustment, from, to } = manifest;
  return { name, source, timeframe, adjustment, from, to, symbols };
}

async function datasetSeries(
  deps: Pick<BacktestDependencies, 'datasets'>,
  data: { dataset: string; symbols?: string[] },
): Promise<BarSeries[]> {
  return (await loadDataset(await datasetsOf(deps), data.dataset, data.symbols)).series;
}

async function datasetsOf(deps: Pick<BacktestDependencies, 'datasets'>): Promise<DatasetStore> {
  if (!deps.datasets) throw new Error('this function is not told where the datasets are');
  return deps.datasets();
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
