import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_QUEUES, QUEUES } from '../../lib/adapters/sqs/queue-specs';
import { type EmbeddedSqs, startEmbeddedSqs } from '../../lib/local/embedded-sqs';
import { localClientConfig } from '../../lib/local/local-client-config';

/**
 * The embedded SQS must hand out a FIFO queue's messages as SQS does: as many of one message
 * group as a receive asks for, in order, and none of that group again until they are deleted.
 * fauxqs handed out one message per group per receive (patches/fauxqs+*.patch), which held the
 * local fill consumer to one report per round trip and let the queue fall behind under load.
 */
describe('the embedded SQS FIFO queue', () => {
  let sqs: EmbeddedSqs;
  let client: SQSClient;
  let queueUrl: string;
  beforeAll(async () => {
    sqs = await startEmbeddedSqs(ALL_QUEUES);
    client = new SQSClient({ ...localClientConfig(sqs.endpoint), useQueueUrlAsEndpoint: false });
    queueUrl = sqs.queueUrls.get(QUEUES.executionReports)!;
  });
  afterAll(async () => {
    client?.destroy();
    await sqs?.stop();
  });

  const send = (body: string) =>
    client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageGroupId: 'account-1',
        MessageDeduplicationId: body,
      }),
    );
  const receive = async () => {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    return Messages;
  };

  it('returns several messages of one group in one receive, in order, and holds the group until they are deleted', async () => {
    for (const body of ['r1', 'r2', 'r3', 'r4', 'r5']) await send(body);
    const first = await receive();
    expect(first.map((message) => message.Body)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);

    await send('r6');
    expect(await receive()).toEqual([]); // the group has messages in flight

    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: first.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle!,
        })),
      }),
    );
    const next = await receive();
    expect(next.map((message) => message.Body)).toEqual(['r6']);
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [{ Id: '0', ReceiptHandle: next[0]!.ReceiptHandle! }],
      }),
    );
  });
});
