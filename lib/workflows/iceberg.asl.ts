import { ORDER, WIND_DOWN_ON_FAILURE, WIND_DOWN_STATES, WORK } from './common-states';
import { TASK_RETRY } from './retry-policy';

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
      Catch: WIND_DOWN_ON_FAILURE,
      Next: 'Done?',
    },
    'Done?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.step.done', BooleanEquals: true, Next: 'Done' }],
      Default: 'Pause',
    },
    Pause: { Type: 'Wait', SecondsPath: '$.step.wait_seconds', Next: 'Step' },
    Done: { Type: 'Succeed' },
    ...WIND_DOWN_STATES,
  },
} as const;
