import type { Context } from 'aws-lambda';
import { WorkerThreadBacktestCompute } from '../../lib/adapters/compute/worker-thread-backtest-compute';
import { failSweep, finishSweep, runSweepChunk } from '../../lib/app/backtest/sweep-steps';
import { backtestDependencies } from '../shared/dependencies';
import { taskHandler } from '../shared/task-handler';

/** The workers' heap, out of the function's memory: the rest is this thread's and Node's own. */
const HEAP_SHARE = 0.75;

/** The input the sweep state machine passes: which step, for which backtest. */
type StepEvent = { account_id: string; backtest_id: string } & (
  { action: 'chunk'; chunk: { from: number; to: number } } | { action: 'finish' } | { action: 'fail' }
);

export const handler = taskHandler(async (event: StepEvent, context: Context) => {
  const deps = {
    ...backtestDependencies(),
    compute: new WorkerThreadBacktestCompute(Math.floor(Number(context.memoryLimitInMB) * HEAP_SHARE)),
  };
  const job = { accountId: event.account_id, backtestId: event.backtest_id };
  switch (event.action) {
    case 'chunk':
      return runSweepChunk(deps, job, event.chunk);
    case 'finish':
      return finishSweep(deps, job);
    case 'fail':
      return failSweep(deps, job);
    default:
      throw new Error(`unknown sweep action ${(event as { action: string }).action}`);
  }
});
