/**
 * The queues Stratus uses, described once: CDK creates them (with a dead-letter queue and
 * encryption) and the local host creates them in the embedded SQS. Functions learn each
 * queue URL from the environment variable named here.
 */
export interface QueueSpec {
  readonly name: string;
  readonly envVar: string;
  readonly fifo: boolean;
  /** Seconds a received message stays invisible; at least 6× the consumer's timeout in AWS. */
  readonly visibilityTimeoutSeconds: number;
  /** Deliveries before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly description: string;
  /** A queue of failures itself (the asynchronous invocations' on-failure destination): no dead-letter queue of its own, kept 14 days. */
  readonly holdsFailures?: boolean;
}

export const QUEUES = {
  executionReports: {
    name: 'execution-reports',
    envVar: 'STRATUS_QUEUE_EXECUTION_REPORTS',
    fifo: true,
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    description: 'Fills and order status reports from the brokers, grouped by account, applied exactly once',
  },
  backtestJobs: {
    name: 'backtest-jobs',
    envVar: 'STRATUS_QUEUE_BACKTEST_JOBS',
    fifo: false,
    // 6 × the runner's 900 s timeout, as AWS advises for a queue a Lambda function consumes.
    visibilityTimeoutSeconds: 5_400,
    // A run that died (timeout, out of memory) is tried once more, then marked failed.
    maxReceiveCount: 2,
    description: 'Backtests accepted by the API, waiting for the runner (a few at a time)',
  },
  failedInvocations: {
    name: 'failed-invocations',
    envVar: 'STRATUS_QUEUE_FAILED_INVOCATIONS',
    fifo: false,
    visibilityTimeoutSeconds: 30,
    maxReceiveCount: 1,
    holdsFailures: true,
    description:
      'Scheduled and alarm-triggered invocations that failed after their retries (the on-failure destination): an alarm watches its depth',
  },
} as const satisfies Record<string, QueueSpec>;

export const ALL_QUEUES: readonly QueueSpec[] = Object.values(QUEUES);

export type QueueName = keyof typeof QUEUES;

/** SQS requires FIFO queue names to end in `.fifo`. */
export function physicalQueueName(spec: QueueSpec, prefix = 'stratus'): string {
  return `${prefix}-${spec.name}${spec.fifo ? '.fifo' : ''}`;
}
