import { describe, expect, it } from 'vitest';
import { WorkerThreadBacktestCompute } from '../../../lib/adapters/compute/worker-thread-backtest-compute';
import { parseSyntheticSpec } from '../../../lib/app/backtest/backtest-command';
import { computeRuns, rankRuns } from '../../../lib/app/backtest/compute-runs';
import { computeWalkForward } from '../../../lib/app/backtest/compute-walk-forward';
import type { BacktestComputation, ComputedRun } from '../../../lib/app/ports/backtest-jobs';

const COMPUTATION: BacktestComputation = {
  type: 'ma_crossover',
  parameterSets: [5, 10, 20, 25, 30].map((fast) => ({
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
  it('gives the same runs on one worker and on three as the compute inline, order aside', async () => {
    const inline = computeRuns(COMPUTATION);
    const seen: number[] = [];
    const one = await new WorkerThreadBacktestCompute(512, 1).run(COMPUTATION);
    const three = await new WorkerThreadBacktestCompute(512, 3).run(COMPUTATION, {
      onRun: (computed) => seen.push(computed.number),
    });
    const byNumber = (runs: ComputedRun[]) => [...runs].sort((a, b) => a.number - b.number);
    expect(byNumber(three)).toEqual(byNumber(one));
    expect(rankRuns(three, 'sharpe')).toEqual(inline);
    expect(rankRuns(one, 'sharpe')).toEqual(inline);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('walks forward on a worker exactly as inline', async () => {
    const plan = { mode: 'rolling' as const, inSampleBars: 1000, outOfSampleBars: 500 };
    const report = await new WorkerThreadBacktestCompute(512).walkForward(COMPUTATION, plan);
    expect(report).toEqual(computeWalkForward(COMPUTATION, plan));
    expect(report.windows).toHaveLength(4);
  });

  it('runs only the combinations it is asked for', async () => {
    const some = await new WorkerThreadBacktestCompute(512, 2).run(COMPUTATION, { numbers: [2, 4] });
    expect(some.map((run) => run.number).sort()).toEqual([2, 4]);
    expect(some.find((run) => run.number === 4)!.run.parameters).toMatchObject({ fast_period: 25 });
  });

  it('carries a refusal of the compute back as the same domain error', async () => {
    const unknown = { ...COMPUTATION, type: 'no_such_strategy' };
    await expect(new WorkerThreadBacktestCompute(512).run(unknown)).rejects.toMatchObject({
      code: 'UNKNOWN_STRATEGY_TYPE',
    });
  });

  it('stops at once when aborted, answering BACKTEST_CANCELED', async () => {
    const controller = new AbortController();
    const many = {
      ...COMPUTATION,
      parameterSets: Array.from({ length: 50 }, () => COMPUTATION.parameterSets[0]!),
    };
    const done: number[] = [];
    const running = new WorkerThreadBacktestCompute(512, 2).run(many, {
      signal: controller.signal,
      onRun: (computed) => {
        done.push(computed.number);
        if (done.length === 3) controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ code: 'BACKTEST_CANCELED' });
    expect(done.length).toBeLessThan(50);
  });

  it('fails a run that outgrows its heap with a message; a smaller one fits the same heap', async () => {
    // A 2/3-bar crossover over 2,000,000 minute bars trades ~250,000 times: every trade an object on
    // the heap until the run is summarised.
    const huge: BacktestComputation = {
      ...COMPUTATION,
      parameterSets: [{ combination: {}, parameters: { fast_period: 2, slow_period: 3 } }],
      data: { synthetic: parseSyntheticSpec('gbm:bars=2000000,interval=1,seed=11') },
    };
    await expect(new WorkerThreadBacktestCompute(16, 1).run(huge)).rejects.toMatchObject({
      code: 'BACKTEST_OUT_OF_MEMORY',
    });
    const small = { ...huge, data: { synthetic: parseSyntheticSpec('gbm:bars=2000,interval=1,seed=11') } };
    expect(await new WorkerThreadBacktestCompute(16, 1).run(small)).toHaveLength(1);
  });
});
