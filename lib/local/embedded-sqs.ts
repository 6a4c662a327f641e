import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from './local-client-config';
import type { InProcessTransport } from '../adapters/sdk-client';
import { type AnswerRequest, inProcessTransport, workerAnswers } from './in-process-transport';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { projectRoot } from '../platform/project-root';
import { physicalQueueName, type QueueSpec } from '../adapters/sqs/queue-specs';

export interface EmbeddedSqs {
  endpoint: string;
  /** The same service without a socket, for SDK clients in this process. */
  transport: InProcessTransport;
  queueUrls: Map<QueueSpec, string>;
  queueArns: Map<QueueSpec, string>;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs on loopback only, on a worker thread of its own (every queue call would
 * otherwise cost the API's event loop twice: client and server), and creates each queue with
 * its dead-letter queue over the SQS protocol. fauxqs keeps messages in memory: nothing may rely on a message surviving a
 * restart, which is why the source of truth of every fill is DynamoDB and a queue only
 * carries work to do.
 */
export async function startEmbeddedSqs(
  queues: readonly QueueSpec[],
  /** Puts the in-process answers behind a gate (the local IAM), given the queues' URLs and ARNs. */
  guard?: (answer: AnswerRequest, queueArnOfUrl: (url: string) => string) => AnswerRequest,
): Promise<EmbeddedSqs> {
  // Plain JavaScript in the sources: the same file whether the host runs from them or a build.
  const worker = new Worker(join(projectRoot(import.meta.url), 'lib', 'local', 'fauxqs-worker.mjs'));
  const address = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: { type: string; address?: string }) => {
      if (message.type === 'listening') resolve(message.address!);
    });
  });
  const endpoint = address.replace('localhost', '127.0.0.1');
  const stop = async () => {
    const closed = new Promise<void>((resolve) => {
      worker.on('message', (message: { type: string }) => {
        if (message.type === 'closed') resolve();
      });
    });
    worker.postMessage({ type: 'close' });
    await closed;
    await worker.terminate();
  };
  const client = new SQSClient(localClientConfig(endpoint));
  const queueUrls = new Map<QueueSpec, string>();
  const queueArns = new Map<QueueSpec, string>();
  try {
    for (const spec of queues) {
      if (spec.holdsFailures) {
        const failures = await client.send(new CreateQueueCommand({ QueueName: physicalQueueName(spec) }));
        queueUrls.set(spec, failures.QueueUrl!);
        const { Attributes } = await client.send(
          new GetQueueAttributesCommand({ QueueUrl: failures.QueueUrl, AttributeNames: ['QueueArn'] }),
        );
        queueArns.set(spec, Attributes?.QueueArn ?? '');
        continue;
      }
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
  const arnByUrl = new Map([...queueUrls].map(([spec, url]) => [url, queueArns.get(spec)!]));
  const queueArnOfUrl = (url: string) =>
    arnByUrl.get(url) ?? `arn:aws:sqs:us-east-1:000000000000:${url.slice(url.lastIndexOf('/') + 1)}`;
  const answer = workerAnswers(worker, 'the embedded SQS');
  return {
    endpoint,
    transport: inProcessTransport(guard ? guard(answer, queueArnOfUrl) : answer, 'sqs'),
    queueUrls,
    queueArns,
    stop,
  };
}
