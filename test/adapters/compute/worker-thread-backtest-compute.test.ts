import { describe, expect, it } from 'vitest';
import { WorkerThreadBacktestCompute } from '../../../lib/adapters/compute/worker-thread-backtest-compute';
import { parseSyntheticSpec } from '../../../lib/app/backtest/backtest-command';
import { computeRuns } from '../../../lib/app/backtest/compute-runs';
import type { BacktestComputation } from '../../../lib/app/ports/backtest-jobs';

const COMPUTATION: BacktestComputation = {
  type: 'ma_crossover',
  parameterSets: [5, 10, 20].map((fast) => ({
    combination: { fast_period: fast },
    parameters: { fast_period: fast, slow_period: 40 },
  })),
  data: { synthetic: parseSyntheticSpec('gbm:bars=3000,seed=11,vol=0.3') },
  capital: 100_000,
  commission: { kind: 'per_share', perShare: 0.005, minimum: 1 },
  slippageBps: 5,
  sizing: { kind: 'equity_fraction', fraction: 0.95 },
  rankBy: 'sharpe',
};

describe('WorkerThreadBacktestCompute', () => {
  it('answers on a worker thread exactly what the compute answers inline', async () => {
    const onWorker = await new WorkerThreadBacktestCompute(512).run(COMPUTATION);
    expect(onWorker).toEqual(computeRuns(COMPUTATION));
    expect(onWorker).toHaveLength(3);
  });

  it('carries a refusal of the compute back as the same domain error', async () => {
    const unknown = { ...COMPUTATION, type: 'no_such_strategy' };
    await expect(new WorkerThreadBacktestCompute(512).run(unknown)).rejects.toMatchObject({
      code: 'UNKNOWN_STRATEGY_TYPE',
    });
  });

  it('fails a computation that outgrows its heap with a message; one run of it fits the same heap', async () => {
    // 200 runs of a 2/3-bar crossover, each keeping its first 500 trades: ~100,000 trade objects
    // held on the heap for the answer (the bars themselves are typed arrays, outside it).
    const huge: BacktestComputation = {
      ...COMPUTATION,
      parameterSets: Array.from({ length: 200 }, (_, index) => ({
        combination: { run: index },
        parameters: { fast_period: 2, slow_period: 3 },
      })),
      data: { synthetic: parseSyntheticSpec('gbm:bars=20000,interval=1,seed=11') },
    };
    await expect(new WorkerThreadBacktestCompute(24).run(huge)).rejects.toMatchObject({
      code: 'BACKTEST_OUT_OF_MEMORY',
    });
    // One run of it fits the same heap: it was the computation's size, not the worker's start.
    const one = { ...huge, parameterSets: huge.parameterSets.slice(0, 1) };
    expect(await new WorkerThreadBacktestCompute(24).run(one)).toHaveLength(1);
  });
});
