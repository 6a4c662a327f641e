import type { Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { SqsChannel } from '../adapters/sqs/sqs-channel';

/**
 * The local stand-in for Lambda's SQS event source mapping: long-polls a queue, hands batches
 * to the function as the same SQSEvent Lambda would, deletes what succeeded and leaves failures
 * to reappear after the visibility timeout (SQS redelivery, FIFO order kept by the queue).
 */
export class LocalQueueConsumer {
  private running = true;
  private loop: Promise<void> | undefined;
  private idle = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly sqs: SqsChannel,
    private readonly queueUrl: string,
    private readonly queueArn: string,
    private readonly invoke: (event: SQSEvent) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.loop = this.poll();
  }

  /** Resolves once the queue has been found empty with nothing in flight (tests and shutdown). */
  drained(): Promise<void> {
    if (this.idle || !this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks the consumer busy again: call after sending work, before awaiting `drained`. */
  expectWork(): void {
    this.idle = false;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.sqs.destroy();
    this.release();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      try {
        const { Messages = [] } = await this.sqs.call('ReceiveMessage', {
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: this.idle ? 1 : 0,
          AttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        });
        if (Messages.length === 0) {
          this.idle = true;
          this.release();
          continue;
        }
        this.idle = false;
        await this.deliver(Messages);
      } catch (error) {
        if (this.running) this.onError(error);
      }
    }
  }

  private async deliver(messages: Message[]): Promise<void> {
    const event: SQSEvent = {
      Records: messages.map((message) => ({
        messageId: message.MessageId ?? '',
        receiptHandle: message.ReceiptHandle ?? '',
        body: message.Body ?? '',
        attributes: (message.Attributes ?? {}) as never,
        messageAttributes: {},
        md5OfBody: message.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: this.queueArn,
        awsRegion: 'us-east-1',
      })),
    };
    let failed = new Set<string>();
    try {
      const response = (await this.invoke(event)) as SQSBatchResponse | undefined;
      failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      this.onError(error);
      failed = new Set(messages.map((message) => message.MessageId ?? ''));
    }
    const retry = messages.filter((message) => failed.has(message.MessageId ?? ''));
    if (retry.length > 0) {
      // Lambda leaves a failed message invisible for the whole visibility timeout; locally we
      // let it back after a second, so a transient failure does not stall a FIFO group for minutes.
      await this.sqs.call('ChangeMessageVisibilityBatch', {
        QueueUrl: this.queueUrl,
        Entries: retry.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle ?? '',
          VisibilityTimeout: 1,
        })),
      });
    }
    const done = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    if (done.length > 0) {
      await this.sqs.call('DeleteMessageBatch', {
        QueueUrl: this.queueUrl,
        Entries: done.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle ?? '',
        })),
      });
    }
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
