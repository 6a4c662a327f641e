import { ORDER, WIND_DOWN_ON_FAILURE, WIND_DOWN_STATES, WORK } from './common-states';
import { TASK_RETRY } from './retry-policy';

/**
 * Iceberg: show one clip; look again after a pause; when the visible clip has filled, show the
 * next; stop when the parent is done or its day is over. Any failure winds the parent down.
 */
export const ICEBERG_DEFINITION = {
  Comment: 'Stratus iceberg: only display_quantity works at a time; the next clip follows the fill',
  StartAt: 'Begin',
  States: {
    // The count of looks travels with the state: each look's pause depends on the looks left
    // in the execution's history budget (icebergPollSeconds).
    Begin: { Type: 'Pass', Result: { steps: 0 }, ResultPath: '$.step', Next: 'Step' },
    Step: {
      Type: 'Task',
      Resource: WORK,
      Parameters: { action: 'iceberg_step', ...ORDER, 'steps.$': '$.step.steps' },
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
