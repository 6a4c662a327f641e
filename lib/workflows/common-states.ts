import { TASK_RETRY } from './retry-policy';

/** `${WorkFunctionArn}` is replaced by CDK (definitionSubstitutions) and by the local host. */
export const WORK = '${WorkFunctionArn}';

/** Which parent order a step works on, passed to every task from the execution's input. */
export const ORDER = { 'account_id.$': '$.account_id', 'order_id.$': '$.order_id' } as const;

/** Catch-all on a step: any failure after its retries winds the parent down. */
export const WIND_DOWN_ON_FAILURE = [
  { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Wind down' },
];

/**
 * The end every workflow shares when a step fails for good: the parent is marked finished (no
 * further slices or clips; it ends when its children do, and releases its reservation), then
 * the execution fails so the failure is visible.
 */
export const WIND_DOWN_STATES = {
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
} as const;
