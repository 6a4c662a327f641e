/**
 * Task retries shared by every state machine: Lambda's own transient errors, throttling, and
 * optimistic-concurrency conflicts. Every task is idempotent, so a retry is always safe.
 */
export const TASK_RETRY = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'ConcurrencyError',
      'States.Timeout',
    ],
    IntervalSeconds: 1,
    MaxAttempts: 5,
    BackoffRate: 2,
  },
];
