import { describe, expect, it } from 'vitest';
import { InMemoryBacktestStore } from '../../../lib/adapters/memory/in-memory-backtest-store';
import { computeRuns } from '../../../lib/app/backtest/compute-runs';
import {
  type BacktestApiRequest,
  type BacktestDependencies,
  runQueuedBacktest,
  submitBacktest,
} from '../../../lib/app/backtest/run-backtest';
import type { BacktestComputation, BacktestJob } from '../../../lib/app/ports/backtest-jobs';
import { DomainError } from '../../../lib/core/errors';

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
function harness(compute: (computation: BacktestComputation) => Promise<Record<string, unknown>[]>) {
  const queued: BacktestJob[] = [];
  const deps: BacktestDependencies = {
    backtests: new InMemoryBacktestStore(),
    history: { dailyBars: async () => new Map(), dailyCloses: async () => new Map() },
    clock: { now: () => new Date('2026-12-07T15:00:00Z') },
    jobs: { enqueue: async (job) => void queued.push(job) },
    compute: { run: compute },
  };
  return { deps, queued };
}

describe('queued backtests', () => {
  it('stores a submitted backtest queued and queues it; the runner completes it with every run ranked', async () => {
    const { deps, queued } = harness(async (computation) => computeRuns(computation));
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
  });

  it('refuses at submission what can be refused, queues nothing and stores nothing', async () => {
    const { deps, queued } = harness(async () => []);
    const tooMany = { ...REQUEST, sweep: { fast_period: Array.from({ length: 201 }, (_, i) => i + 2) } };
    await expect(submitBacktest(deps, ACCOUNT, 'trader-1', tooMany)).rejects.toMatchObject({
      code: 'SWEEP_TOO_LARGE',
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
      return computeRuns(computation);
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
