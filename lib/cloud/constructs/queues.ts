import { Duration, Validations } from 'aws-cdk-lib';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALL_QUEUES, type QueueSpec } from '../../adapters/sqs/queue-specs';

/**
 * Every SQS queue, from the shared queue specs, each with a dead-letter queue that keeps
 * failed messages for 14 days; SQS-managed encryption; TLS required.
 */
export class StratusQueues extends Construct {
  readonly bySpec: ReadonlyMap<QueueSpec, Queue>;
  /** Each queue's dead-letter queue (alarms watch their depth). */
  readonly deadLetterQueues: readonly IQueue[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const queues = new Map<QueueSpec, Queue>();
    for (const spec of ALL_QUEUES) {
      if (spec.holdsFailures) {
        const failures = new Queue(this, spec.name, {
          fifo: spec.fifo || undefined,
          retentionPeriod: Duration.days(14),
          visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
        });
        Validations.of(failures).acknowledge({
          id: 'AwsSolutions-SQS3',
          reason:
            'This queue is itself where failures end up (the on-failure destination); an alarm watches its depth.',
        });
        queues.set(spec, failures);
        continue;
      }
      const deadLetterQueue = new Queue(this, `${spec.name}-dlq`, {
        fifo: spec.fifo || undefined,
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      queues.set(
        spec,
        new Queue(this, spec.name, {
          fifo: spec.fifo || undefined,
          contentBasedDeduplication: false,
          visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
        }),
      );
    }
    this.bySpec = queues;
    this.deadLetterQueues = [...queues.values()].flatMap((queue) =>
      queue.deadLetterQueue ? [queue.deadLetterQueue.queue] : [],
    );
  }
}
