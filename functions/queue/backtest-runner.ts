import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { WorkerThreadBacktestCompute } from '../../lib/adapters/compute/worker-thread-backtest-compute';
import { logger } from '../../lib/api/observability';
import { runQueuedBacktest } from '../../lib/app/backtest/run-backtest';
import type { BacktestJob } from '../../lib/app/ports/backtest-jobs';
import { backtestDependencies } from '../shared/dependencies';
import { taskHandler } from '../shared/task-handler';
import { sweepFanOut } from '../shared/sweep-fan-out';

/** The worker's heap, out of the function's memory: the rest is this thread's and Node's own. */
const HEAP_SHARE = 0.75;

/**
 * Runs the queued backtests it is handed (one a batch, a few invocations at once: the event
 * source's batch size and maximum concurrency bound how many run together). A backtest that
 * fails is stored as failed and acknowledged; an unexpected error leaves the message to be
 * redelivered, and the next delivery finds it ended.
 */
export const handler = taskHandler(async (event: SQSEvent, context): Promise<SQSBatchResponse> => {
  const compute = new WorkerThreadBacktestCompute(Math.floor(Number(context.memoryLimitInMB) * HEAP_SHARE));
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const job = JSON.parse(record.body) as BacktestJob;
    try {
      await runQueuedBacktest({ ...backtestDependencies(), compute, fanOut: sweepFanOut() }, job);
    } catch (error) {
      logger.error('backtest failed', { backtestId: job.backtestId, error: error as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
});
