import type { BacktestJob, BacktestJobs } from '../../app/ports/backtest-jobs';
import type { SqsChannel } from './sqs-channel';

/** Accepted backtests onto the standard queue the runner consumes (order does not matter). */
export class SqsBacktestJobs implements BacktestJobs {
  constructor(
    private readonly sqs: SqsChannel,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: BacktestJob): Promise<void> {
    const result = await this.sqs.call('SendMessageBatch', {
      QueueUrl: this.queueUrl,
      Entries: [{ Id: '0', MessageBody: JSON.stringify(job) }],
    });
    if (result.Failed && result.Failed.length > 0)
      throw new Error(
        `SQS refused backtest ${job.backtestId}: ${result.Failed.map((f) => f.Code).join(', ')}`,
      );
  }
}
