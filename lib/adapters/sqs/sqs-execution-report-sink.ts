import type { ExecutionReport, ExecutionReportSink } from '../../app/ports/execution-reports';
import type { SqsChannel } from './sqs-channel';

/**
 * Execution reports onto the SQS FIFO queue: grouped by account (so an account's reports are
 * applied one at a time, in order) and de-duplicated by report id within SQS's five-minute
 * window — beyond it, applying a report twice is harmless anyway.
 */
export class SqsExecutionReportSink implements ExecutionReportSink {
  constructor(
    private readonly sqs: SqsChannel,
    private readonly queueUrl: string,
  ) {}

  async publish(reports: readonly ExecutionReport[]): Promise<void> {
    for (let start = 0; start < reports.length; start += 10) {
      const batch = reports.slice(start, start + 10);
      const result = await this.sqs.call('SendMessageBatch', {
        QueueUrl: this.queueUrl,
        Entries: batch.map((report, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(report),
          MessageGroupId: report.accountId,
          MessageDeduplicationId: report.reportId.slice(0, 128),
        })),
      });
      if (result.Failed && result.Failed.length > 0) {
        throw new Error(
          `SQS refused ${result.Failed.length} execution report(s): ${result.Failed.map((f) => f.Code).join(', ')}`,
        );
      }
    }
  }
}
