import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { BacktestJob, SweepFanOut } from '../../app/ports/backtest-jobs';

/** A sweep's Distributed Map, one execution named after the backtest (so starting twice is harmless). */
export class SfnSweepFanOut implements SweepFanOut {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(job: BacktestJob, chunks: readonly { from: number; to: number }[]): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: job.backtestId,
          input: JSON.stringify({ account_id: job.accountId, backtest_id: job.backtestId, chunks }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}
