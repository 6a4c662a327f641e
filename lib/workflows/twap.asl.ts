import { ORDER, WIND_DOWN_ON_FAILURE, WIND_DOWN_STATES, WORK } from './common-states';
import { TASK_RETRY } from './retry-policy';

/**
 * TWAP: plan the slices, then for each in turn wait its interval and send it (the task
 * re-checks the parent, sizes the child to the schedule and sends `{parent}-{n}`), then finish.
 * Any failure winds the parent down (no further slices; it ends when its children do).
 */
export const TWAP_DEFINITION = {
  Comment: 'Stratus TWAP: one child slice per interval; sum of slices = parent quantity',
  StartAt: 'Plan',
  States: {
    Plan: {
      Type: 'Task',
      Resource: WORK,
      Parameters: { action: 'twap_plan', ...ORDER },
      ResultPath: '$.plan',
      Retry: TASK_RETRY,
      Catch: WIND_DOWN_ON_FAILURE,
      Next: 'Slices',
    },
    Slices: {
      Type: 'Map',
      ItemsPath: '$.plan.slices',
      MaxConcurrency: 1,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Wait for slice',
        States: {
          'Wait for slice': { Type: 'Wait', SecondsPath: '$.wait_seconds', Next: 'Send slice' },
          'Send slice': {
            Type: 'Task',
            Resource: WORK,
            Parameters: {
              action: 'twap_slice',
              ...ORDER,
              'index.$': '$.index',
              'slice_count.$': '$.slice_count',
            },
            Retry: TASK_RETRY,
            End: true,
          },
        },
      },
      ResultPath: null,
      Catch: WIND_DOWN_ON_FAILURE,
      Next: 'Finish',
    },
    Finish: {
      Type: 'Task',
      Resource: WORK,
      Parameters: { action: 'finish', ...ORDER },
      Retry: TASK_RETRY,
      End: true,
    },
    ...WIND_DOWN_STATES,
  },
} as const;
