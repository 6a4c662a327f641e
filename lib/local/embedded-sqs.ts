import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from './local-client-config';
import { buildApp } from 'fauxqs';
import { physicalQueueName, type QueueSpec } from '../adapters/sqs/queue-specs';

export interface EmbeddedSqs {
  endpoint: string;
  queueUrls: Map<QueueSpec, string>;
  queueArns: Map<QueueSpec, string>;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs on loopback only and creates each queue with its dead-letter queue over the
 * SQS protocol. fauxqs keeps messages in memory: nothing may rely on a message surviving a
 * restart, which is why the source of truth of every fill is DynamoDB and a queue only
 * carries work to do.
 */
export async function startEmbeddedSqs(queues: readonly QueueSpec[]): Promise<EmbeddedSqs> {
  const app = buildApp({ logger: false });
  const endpoint = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  const client = new SQSClient(localClientConfig(endpoint));
  const queueUrls = new Map<QueueSpec, string>();
  const queueArns = new Map<QueueSpec, string>();
  try {
    for (const spec of queues) {
      const fifo: Record<string, string> = spec.fifo
        ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' }
        : {};
      const dlq = await client.send(
        new CreateQueueCommand({
          QueueName: physicalQueueName({ ...spec, name: `${spec.name}-dlq` }),
          Attributes: fifo,
        }),
      );
      const dlqArn = (
        await client.send(
          new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
        )
      ).Attributes?.QueueArn;
      const queue = await client.send(
        new CreateQueueCommand({
          QueueName: physicalQueueName(spec),
          Attributes: {
            ...fifo,
            VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: dlqArn,
              maxReceiveCount: spec.maxReceiveCount,
            }),
          },
        }),
      );
      if (!queue.QueueUrl) throw new Error(`fauxqs did not return a URL for ${spec.name}`);
      queueUrls.set(spec, queue.QueueUrl);
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      queueArns.set(spec, Attributes?.QueueArn ?? '');
    }
  } finally {
    client.destroy();
  }
  return { endpoint, queueUrls, queueArns, stop: () => app.close() };
}
