import type { Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { SqsChannel } from '../adapters/sqs/sqs-channel';

/** SQS's most messages per receive, and Lambda's default batch size for SQS. */
const MAX_BATCH = 10;

/** Polls `settled` waits through before it gives up (a poll is at most a one-second long poll). */
const MAX_SETTLE_LOOKS = 600;

/**
 * The local stand-in for Lambda's SQS event source mapping: long-polls a queue, hands batches
 * to the function as the same SQSEvent Lambda would, deletes what succeeded and leaves failures
 * to reappear after the visibility timeout (SQS redelivery, FIFO order kept by the queue).
 *
 * After a batch that was not full it waits `batchingWindowMs` before receiving again, so that
 * reports arriving close together are applied together: one invocation, one delete, and the
 * account writes of the batch grouped into fewer (AccountGroupCommit). A FIFO group's next
 * messages cannot be received while its batch is in flight anyway, so the wait is the only way
 * to gather them. At 100 orders/s a 20 ms window cut the host's CPU per order by ~15 %
 * (docs/benchmarks.md, session 8); a report waits at most that long more. The first report
 * after a quiet spell is delivered as soon as it arrives (the long poll returns at once).
 */
export class LocalQueueConsumer {
  private running = true;
  private loop: Promise<void> | undefined;
  private idle = false;
  /** Between receiving messages and deleting them (the function is running on a batch). */
  private delivering = false;
  /** Told after every poll (and the delivery of what it received). */
  private pollWaiters: (() => void)[] = [];
  private endWindow: () => void = () => undefined;

  constructor(
    private readonly sqs: SqsChannel,
    private readonly queueUrl: string,
    private readonly queueArn: string,
    private readonly invoke: (event: SQSEvent) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly batchingWindowMs = 0,
    private readonly batchSize = MAX_BATCH,
  ) {}

  start(): void {
    this.loop = this.poll();
  }

  /**
   * Resolves once the queue holds no message at all — none visible, none in flight (a batch being
   * handled, or a failed one waiting out its visibility timeout to be retried), none delayed — and
   * no batch is being delivered: everything sent so far has been handled, retries included. At
   * once when there was nothing to do; otherwise it looks again after each of the consumer's polls.
   */
  async settled(): Promise<void> {
    for (let look = 0; look < MAX_SETTLE_LOOKS; look++) {
      if (!this.running) return;
      if (!this.delivering && (await this.messagesHeld()) === 0 && !this.delivering) return;
      await new Promise<void>((resolve) => this.pollWaiters.push(resolve));
    }
    throw new Error(`the queue ${this.queueUrl} still held messages after ${MAX_SETTLE_LOOKS} polls`);
  }

  private async messagesHeld(): Promise<number> {
    const { Attributes = {} } = await this.sqs.call('GetQueueAttributes', {
      QueueUrl: this.queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    });
    return Object.values(Attributes).reduce((sum, count) => sum + Number(count), 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.endWindow(); // a stop does not wait out the batching window
    await this.loop;
    this.sqs.destroy();
    this.polled();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      try {
        const { Messages = [] } = await this.sqs.call('ReceiveMessage', {
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: this.batchSize,
          WaitTimeSeconds: this.idle ? 1 : 0,
          AttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        });
        if (Messages.length === 0) {
          this.idle = true;
          this.polled();
          continue;
        }
        this.idle = false;
        this.delivering = true;
        try {
          await this.deliver(Messages);
        } finally {
          this.delivering = false;
          this.polled();
        }
        if (Messages.length < this.batchSize && this.batchingWindowMs > 0 && this.running) {
          await new Promise<void>((resolve) => {
            this.endWindow = resolve;
            setTimeout(resolve, this.batchingWindowMs);
          });
        }
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

  private polled(): void {
    const waiters = this.pollWaiters;
    this.pollWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
