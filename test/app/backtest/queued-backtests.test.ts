import { describe, expect, it } from 'vitest';
import { InMemoryBacktestStore } from '../../../lib/adapters/memory/in-memory-backtest-store';
import {
  type BacktestApiRequest,
  type BacktestDependencies,
  runQueuedBacktest,
  submitBacktest,
} from '../../../lib/app/backtest/run-backtest';
import type { BacktestCompute, BacktestJob } from '../../../lib/app/ports/backtest-jobs';
import { DomainError } from '../../../lib/core/errors';
import { inlineCompute } from '../../support/inline-compute';

const ACCOUNT = 'paper';
const REQUEST: BacktestApiRequest = {
  type: 'ma_crossover',
  parameters: { slow_period: 30 },
  data: { synthetic: 'gbm:bars=1500,seed=3' },
  capital: 100_000,
  commission: { kind: 'none' },
  slippageBps: 5,
  sizing: { kind: 'equity_fraction', fraction: 0.9 },
  sweep: { fast_period: [5, 10] },
  rankBy: 'sharpe',
};

/** The use cases over in-memory parts: the queue is a list, the compute runs inline. */
function harness(compute: BacktestCompute['run']) {
  const queued: BacktestJob[] = [];
  const deps: BacktestDependencies = {
    backtests: new InMemoryBacktestStore(),
    history: { dailyBars: async () => new Map(), dailyCloses: async () => new Map() },
    clock: { now: () => new Date('2026-12-07T15:00:00Z') },
    jobs: { enqueue: async (job) => void queued.push(job) },
    compute: { run: compute, walkForward: inlineCompute().walkForward },
  };
  return { deps, queued };
}

describe('queued backtests', () => {
  it('stores a submitted backtest queued and queues it; the runner completes it with every run ranked', async () => {
    const { deps, queued } = harness(inlineCompute().run);
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', REQUEST);
    expect(run).toMatchObject({ status: 'queued', runs: [] });
    expect(queued).toEqual([{ accountId: ACCOUNT, backtestId: run.backtestId }]);
    expect(await deps.backtests.get(ACCOUNT, run.backtestId)).toMatchObject({ status: 'queued' });

    await runQueuedBacktest(deps, queued[0]!);
    const done = await deps.backtests.get(ACCOUNT, run.backtestId);
    expect(done).toMatchObject({
      status: 'completed',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(done!.runs).toHaveLength(2);
    expect(done!.progress).toEqual({ done: 2, total: 2 });
    expect(done!.runs.map((row) => row.number).sort()).toEqual([1, 2]);
  });

  it('stores each run as it finishes, so a reader sees progress and the best so far', async () => {
    const seen: { done: number; best: unknown }[] = [];
    const { deps, queued } = harness(async (computation, options) => {
      const compute = inlineCompute();
      return compute.run(computation, {
        ...options,
        onRun: (computed) => {
          options?.onRun?.(computed);
          // What a reader polling the API sees after each run is handed to the writer.
          void deps.backtests.get(ACCOUNT, queued[0]!.backtestId).then((read) => {
            seen.push({ done: read!.progress!.done, best: read!.runs[0]?.parameters });
          });
        },
      });
    });
    const sweep = { ...REQUEST, sweep: { fast_period: Array.from({ length: 25 }, (_, i) => i + 2) } };
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', sweep);
    await runQueuedBacktest(deps, queued[0]!);
    // Runs are written ten at a time while the sweep runs: readers saw 10 and 20 done before the end.
    expect(seen.map((read) => read.done)).toEqual(expect.arrayContaining([10, 20]));
    expect(seen.find((read) => read.done === 10)!.best).toBeDefined();
    const done = await deps.backtests.get(ACCOUNT, run.backtestId);
    expect(done).toMatchObject({ status: 'completed', progress: { done: 25, total: 25 }, runCount: 25 });
  });

  it('stops a sweep canceled while it runs and keeps the runs finished, ranked', async () => {
    const { deps, queued } = harness(async (computation, options) =>
      inlineCompute().run(computation, {
        ...options,
        onRun: (computed) => {
          options?.onRun?.(computed);
          if (computed.number === 12) void deps.backtests.cancel(ACCOUNT, queued[0]!.backtestId, 'now');
        },
      }),
    );
    const sweep = { ...REQUEST, sweep: { fast_period: Array.from({ length: 40 }, (_, i) => i + 2) } };
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', sweep);
    await runQueuedBacktest(deps, queued[0]!);
    const canceled = await deps.backtests.get(ACCOUNT, run.backtestId);
    expect(canceled!.status).toBe('canceled');
    // The writer learns of the cancel at its next batch (after run 20) and the compute stops.
    expect(canceled!.runCount).toBeGreaterThanOrEqual(12);
    expect(canceled!.runCount).toBeLessThan(40);
    const sharpes = canceled!.runs.map((row) => (row.performance as { sharpe: number }).sharpe);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));
  });

  it('skips and counts the combinations of a sweep the strategy refuses, running the rest', async () => {
    const { deps, queued } = harness(inlineCompute().run);
    const sweep = { ...REQUEST, sweep: { fast_period: [10, 20, 40] } }; // slow_period is 30
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', sweep);
    await runQueuedBacktest(deps, queued[0]!);
    const done = await deps.backtests.get(ACCOUNT, run.backtestId);
    expect(done).toMatchObject({
      status: 'completed',
      runCount: 2,
      skipped: { count: 1, example: expect.stringContaining('slow_period') },
    });
  });

  it('never runs a backtest canceled while it waited in the queue', async () => {
    let computed = 0;
    const { deps, queued } = harness(async (computation) => {
      computed++;
      return inlineCompute().run(computation);
    });
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', REQUEST);
    expect(await deps.backtests.cancel(ACCOUNT, run.backtestId, '2026-12-07T15:00:01Z')).toMatchObject({
      status: 'canceled',
      finishedAt: '2026-12-07T15:00:01Z',
    });
    await runQueuedBacktest(deps, queued[0]!);
    expect(computed).toBe(0);
    // A finished backtest cannot be canceled: the answer is the backtest as it is.
    expect((await deps.backtests.cancel(ACCOUNT, run.backtestId, 'later'))!.finishedAt).toBe(
      '2026-12-07T15:00:01Z',
    );
  });

  it('refuses at submission what can be refused, queues nothing and stores nothing', async () => {
    const { deps, queued } = harness(async () => []);
    const tooMany = {
      ...REQUEST,
      sweep: { fast_period: { from: 2, to: 101 }, slow_period: { from: 110, to: 210 } },
    };
    await expect(submitBacktest(deps, ACCOUNT, 'trader-1', tooMany)).rejects.toMatchObject({
      code: 'SWEEP_TOO_LARGE',
      message: '10100 combinations; at most 10000',
    });
    // Every combination refused by the strategy: the first refusal, named.
    const allRefused = { ...REQUEST, parameters: { slow_period: 5 }, sweep: { fast_period: [10, 20] } };
    await expect(submitBacktest(deps, ACCOUNT, 'trader-1', allRefused)).rejects.toMatchObject({
      code: 'STRATEGY_PARAMETERS_INVALID',
    });
    const tooLong = { ...REQUEST, data: { synthetic: 'gbm:bars=3000000,interval=1' } };
    await expect(submitBacktest(deps, ACCOUNT, 'trader-1', tooLong)).rejects.toMatchObject({
      code: 'BACKTEST_TOO_LARGE',
    });
    expect(queued).toEqual([]);
  });

  it('stores a refusal met while running as failed with its reason', async () => {
    const { deps, queued } = harness(async () => {
      throw new DomainError('BACKTEST_OUT_OF_MEMORY', 'needed more than 16 MB', 'unprocessable');
    });
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', REQUEST);
    await runQueuedBacktest(deps, queued[0]!);
    expect(await deps.backtests.get(ACCOUNT, run.backtestId)).toMatchObject({
      status: 'failed',
      error: { code: 'BACKTEST_OUT_OF_MEMORY', message: 'needed more than 16 MB' },
      runs: [],
    });
  });

  it('marks failed, without running it again, a backtest redelivered after its attempt died', async () => {
    let computed = 0;
    const { deps, queued } = harness(async (computation) => {
      computed++;
      return inlineCompute().run(computation);
    });
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', REQUEST);
    // The attempt that died had marked it running.
    await deps.backtests.save({ ...run, status: 'running', startedAt: '2026-12-07T15:00:00.000Z' });
    await runQueuedBacktest(deps, queued[0]!);
    expect(await deps.backtests.get(ACCOUNT, run.backtestId)).toMatchObject({
      status: 'failed',
      error: { code: 'BACKTEST_ABORTED' },
    });
    // A further delivery of an ended backtest changes nothing.
    await runQueuedBacktest(deps, queued[0]!);
    expect(computed).toBe(0);
    expect(await deps.backtests.get(ACCOUNT, run.backtestId)).toMatchObject({ status: 'failed' });
  });

  it('stores an unexpected error as failed without its cause, and rethrows it to be logged', async () => {
    const { deps, queued } = harness(async () => {
      throw new Error('disk on fire at /var/secret');
    });
    const run = await submitBacktest(deps, ACCOUNT, 'trader-1', REQUEST);
    await expect(runQueuedBacktest(deps, queued[0]!)).rejects.toThrow('disk on fire');
    const failed = await deps.backtests.get(ACCOUNT, run.backtestId);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'BACKTEST_ERROR' } });
    expect(JSON.stringify(failed)).not.toContain('/var/secret');
  });
});
