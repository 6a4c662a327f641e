import { TASK_RETRY } from './retry-policy';

/** `${SweepFunctionArn}` is replaced by CDK (definitionSubstitutions) and by the local host. */
const SWEEP = '${SweepFunctionArn}';
const BACKTEST = { 'account_id.$': '$.account_id', 'backtest_id.$': '$.backtest_id' } as const;

/**
 * A large parameter sweep fanned out: a Distributed Map runs each chunk of combinations (a
 * range of their numbers) as its own child execution — one Lambda invocation that runs the
 * chunk on every core it has and stores each run — up to 100 at once; then one step ranks
 * them all. A chunk's input and output are a few numbers, far inside the 256 KB a state may
 * carry, whatever the sweep's size; each child has its own history, so the parent's stays
 * small. A failure after the retries marks the backtest failed.
 */
export const SWEEP_DEFINITION = {
  Comment: 'A parameter sweep: a Distributed Map over chunks of combinations, then the ranking',
  StartAt: 'Run chunks',
  States: {
    'Run chunks': {
      Type: 'Map',
      ItemsPath: '$.chunks',
      ItemSelector: { ...BACKTEST, 'chunk.$': '$$.Map.Item.Value' },
      MaxConcurrency: 100,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Run chunk',
        States: {
          'Run chunk': {
            Type: 'Task',
            Resource: SWEEP,
            Parameters: { action: 'chunk', ...BACKTEST, 'chunk.$': '$.chunk' },
            Retry: TASK_RETRY,
            End: true,
          },
        },
      },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Mark failed' }],
      Next: 'Rank',
    },
    Rank: {
      Type: 'Task',
      Resource: SWEEP,
      Parameters: { action: 'finish', ...BACKTEST },
      Retry: TASK_RETRY,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Mark failed' }],
      End: true,
    },
    'Mark failed': {
      Type: 'Task',
      Resource: SWEEP,
      Parameters: { action: 'fail', ...BACKTEST },
      Retry: TASK_RETRY,
      Next: 'Failed',
    },
    Failed: { Type: 'Fail', Error: 'SweepFailed', Cause: 'A chunk or the ranking failed after its retries' },
  },
} as const;
