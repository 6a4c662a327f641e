import type { SQSEvent } from 'aws-lambda';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { QUEUES, type QueueSpec } from '../../lib/adapters/sqs/queue-specs';
import { type SqsChannel, sqsInProcessChannel } from '../../lib/adapters/sqs/sqs-channel';
import { type EmbeddedSqs, startEmbeddedSqs } from '../../lib/local/embedded-sqs';
import { LocalQueueConsumer } from '../../lib/local/local-queue-consumer';

const SPEC: QueueSpec = { ...QUEUES.executionReports, name: 'consumer-test', envVar: 'UNUSED_CONSUMER_TEST' };

describe('the local queue consumer', () => {
  let sqs: EmbeddedSqs;
  let channel: SqsChannel;
  let queueUrl: string;
  beforeAll(async () => {
    sqs = await startEmbeddedSqs([SPEC]);
    channel = sqsInProcessChannel(sqs.transport.exchange, 'local');
    queueUrl = sqs.queueUrls.get(SPEC)!;
  });
  afterAll(async () => {
    await sqs?.stop();
  });
  const running: LocalQueueConsumer[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
  });

  let sent = 0;
  const send = (body: string) =>
    channel.call('SendMessageBatch', {
      QueueUrl: queueUrl,
      Entries: [
        {
          Id: '0',
          MessageBody: body,
          MessageGroupId: 'account-1',
          MessageDeduplicationId: `${body}-${sent++}`,
        },
      ],
    });

  /** Starts a consumer that records each invocation's bodies; the test decides when its batching wait ends. */
  const consumerWithWindow = (batchingWindowMs: number) => {
    const batches: string[][] = [];
    const consumer = new LocalQueueConsumer(
      channel,
      queueUrl,
      'arn:aws:sqs:us-east-1:000000000000:consumer-test.fifo',
      async (event: SQSEvent) => {
        batches.push(event.Records.map((record) => record.body));
        return { batchItemFailures: [] };
      },
      (error) => {
        throw error;
      },
      batchingWindowMs,
    );
    running.push(consumer);
    return { consumer, batches };
  };

  /**
   * Waits (on the event loop, not on timers, which the first test fakes) until `check` holds;
   * fails after five seconds.
   */
  const until = async (what: string, check: () => boolean) => {
    const deadline = performance.now() + 5_000;
    while (!check()) {
      if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  it('gathers the reports that arrive during its batching window into one invocation', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] }); // only the consumer's window: the queue runs on its own thread
    const { consumer, batches } = consumerWithWindow(1_000);
    consumer.start();
    await send('first');
    await until('the first batch', () => batches.length === 1);
    // The consumer is now waiting out its window: two reports arrive, one after the other.
    await until('the window to start', () => vi.getTimerCount() === 1);
    await send('second');
    await send('third');
    expect(batches).toEqual([['first']]);
    vi.advanceTimersByTime(1_000);
    await until('the second batch', () => batches.length === 2);
    expect(batches).toEqual([['first'], ['second', 'third']]);
  });

  it('without a window, takes each report as soon as it arrives', async () => {
    const { consumer, batches } = consumerWithWindow(0);
    consumer.start();
    await send('alone');
    await vi.waitFor(() => expect(batches).toEqual([['alone']]));
    await send('next');
    await vi.waitFor(() => expect(batches).toEqual([['alone'], ['next']]));
  });

  it('is settled at once on an empty queue, and only after the function handled what was sent', async () => {
    const { consumer, batches } = consumerWithWindow(0);
    consumer.start();
    await consumer.settled(); // nothing sent: no waiting out the idle long poll
    expect(batches).toEqual([]);
    await send('one');
    await send('two');
    await consumer.settled();
    expect(batches.flat()).toEqual(['one', 'two']);
    await consumer.settled();
    expect(batches.flat()).toEqual(['one', 'two']);
  });
});
