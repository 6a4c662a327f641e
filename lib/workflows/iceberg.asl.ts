import { TASK_RETRY } from './retry-policy';

const WORK = '${WorkFunctionArn}';
const ORDER = { 'account_id.$': '$.account_id', 'order_id.$': '$.order_id' };

/**
 * Iceberg: show one clip; look again after a pause; when the visible clip has filled, show the
 * next; stop when the parent is done. Any failure winds the parent down.
 */
export const ICEBERG_DEFINITION = {
  Comment: 'Stratus iceberg: only display_quantity works at a time; the next clip follows the fill',
  StartAt: 'Step',
  States: {
    Step: {
      Type: 'Task',
      Resource: WORK,
      Parameters: { action: 'iceberg_step', ...ORDER },
      ResultPath: '$.step',
      Retry: TASK_RETRY,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Wind down' }],
      Next: 'Done?',
    },
    'Done?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.step.done', BooleanEquals: true, Next: 'Done' }],
      Default: 'Pause',
    },
    Pause: { Type: 'Wait', SecondsPath: '$.step.wait_seconds', Next: 'Step' },
    Done: { Type: 'Succeed' },
    'Wind down': {
      Type: 'Task',
      Resource: WORK,
      Parameters: { action: 'finish', ...ORDER },
      Retry: TASK_RETRY,
      Next: 'Failed',
    },
    Failed: {
      Type: 'Fail',
      Error: 'ParentOrderWorkFailed',
      Cause: 'A step failed after its retries; the parent was wound down',
    },
  },
} as const;
