import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, type QueueSpec } from '../../../lib/adapters/sqs/queue-specs';
import { type SqsChannel, sqsInProcessChannel, sqsSdkChannel } from '../../../lib/adapters/sqs/sqs-channel';
import { type EmbeddedSqs, startEmbeddedSqs } from '../../../lib/local/embedded-sqs';
import { localClientConfig } from '../../../lib/local/local-client-config';

// The SQS calls Stratus makes, by both channels — an SDK client over HTTP (as in AWS) and the
// in-process JSON protocol (as the local host's functions and queue consumer reach fauxqs) —
// each on a FIFO queue of its own: the answers must be the same.
const queueFor = (name: string): QueueSpec => ({
  ...QUEUES.executionReports,
  name,
  envVar: `UNUSED_${name}`,
});
const SDK_QUEUE = queueFor('channel-sdk');
const LOCAL_QUEUE = queueFor('channel-local');

let sqs: EmbeddedSqs;
let channels: { sdk: SqsChannel; local: SqsChannel };
beforeAll(async () => {
  sqs = await startEmbeddedSqs([SDK_QUEUE, LOCAL_QUEUE]);
  channels = {
    sdk: sqsSdkChannel(new SQSClient({ ...localClientConfig(sqs.endpoint), useQueueUrlAsEndpoint: false })),
    local: sqsInProcessChannel(sqs.transport.exchange, 'local'),
  };
});
afterAll(async () => {
  channels?.sdk.destroy();
  await sqs?.stop();
});

describe.each([
  { channel: 'an SDK client', name: 'sdk' as const, spec: SDK_QUEUE },
  { channel: 'the in-process channel', name: 'local' as const, spec: LOCAL_QUEUE },
])('SQS through $channel', ({ name, spec }) => {
  it('sends a batch, receives it in group order with its attributes, and deletes it', async () => {
    const sqsChannel = channels[name];
    const QueueUrl = sqs.queueUrls.get(spec)!;
    const bodies = ['{"fill":"1 € — ünïcode"}', '{"fill":2}'];
    const sent = await sqsChannel.call('SendMessageBatch', {
      QueueUrl,
      Entries: bodies.map((body, index) => ({
        Id: String(index),
        MessageBody: body,
        MessageGroupId: 'account-1',
        MessageDeduplicationId: `d-${index}`,
      })),
    });
    expect(sent.Successful?.map((entry) => entry.Id)).toEqual(['0', '1']);
    expect(sent.Failed ?? []).toEqual([]);

    const received = await sqsChannel.call('ReceiveMessage', {
      QueueUrl,
      MaxNumberOfMessages: 10,
      AttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    });
    const messages = received.Messages ?? [];
    expect(messages.map((message) => message.Body)).toEqual(bodies);
    expect(messages.map((message) => message.Attributes?.MessageGroupId)).toEqual(['account-1', 'account-1']);
    expect(messages.map((message) => message.Attributes?.ApproximateReceiveCount)).toEqual(['1', '1']);

    // The second goes back for redelivery; the first is done.
    const changed = await sqsChannel.call('ChangeMessageVisibilityBatch', {
      QueueUrl,
      Entries: [{ Id: 'again', ReceiptHandle: messages[1]!.ReceiptHandle!, VisibilityTimeout: 0 }],
    });
    expect(changed.Successful?.map((entry) => entry.Id)).toEqual(['again']);
    const deleted = await sqsChannel.call('DeleteMessageBatch', {
      QueueUrl,
      Entries: [{ Id: 'done', ReceiptHandle: messages[0]!.ReceiptHandle! }],
    });
    expect(deleted.Successful?.map((entry) => entry.Id)).toEqual(['done']);
    const redelivered = await sqsChannel.call('ReceiveMessage', {
      QueueUrl,
      MaxNumberOfMessages: 10,
      AttributeNames: ['All'],
    });
    expect(
      redelivered.Messages?.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount]),
    ).toEqual([['{"fill":2}', '2']]);
    await sqsChannel.call('DeleteMessageBatch', {
      QueueUrl,
      Entries: [{ Id: 'last', ReceiptHandle: redelivered.Messages![0]!.ReceiptHandle! }],
    });
  });
});

describe('the two SQS channels', () => {
  it('fail alike: the same error name and message for a queue that does not exist', async () => {
    const failure = async (sqsChannel: SqsChannel) => {
      try {
        await sqsChannel.call('ReceiveMessage', {
          QueueUrl: `${sqs.endpoint}/000000000000/no-such-queue.fifo`,
          MaxNumberOfMessages: 1,
        });
        return 'answered';
      } catch (error) {
        const { name, message } = error as Error;
        return { name, message };
      }
    };
    const overSdk = await failure(channels.sdk);
    expect(overSdk).toMatchObject({
      name: expect.stringMatching(/QueueDoesNotExist|NonExistentQueue/) as unknown,
    });
    expect(await failure(channels.local)).toEqual(overSdk);
  });
});
