/** `${CycleFunctionArn}` is replaced by CDK (definitionSubstitutions) and by the local host. */
const CYCLE = '${CycleFunctionArn}';

/**
 * A failed cycle is not retried (its moment has passed and the next one is 15 s away); the
 * machine goes on to the next, so one bad cycle never costs the rest of the minute.
 */
const NEXT_ON_FAILURE = (next: string) => [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: next }];

const cycle = (second: number, next: string) => ({
  Type: 'Task',
  Resource: CYCLE,
  Parameters: { second, 'scheduled_at.$': '$$.Execution.StartTime' },
  ResultPath: null,
  Catch: NEXT_ON_FAILURE(next),
  Next: next,
});

/**
 * The engine's minute: EventBridge Scheduler starts this Express state machine once a minute
 * inside the session window; it runs the cycle at +0, +15, +30 and +45 s. Each cycle takes the
 * cycle lease, so a cycle that overruns makes the next one a no-op instead of an overlap.
 */
export const ENGINE_CYCLE_DEFINITION = {
  Comment: 'Stratus engine: four 15-second cycles per scheduled minute',
  StartAt: 'Cycle +0s',
  States: {
    'Cycle +0s': cycle(0, 'Wait to +15s'),
    'Wait to +15s': { Type: 'Wait', Seconds: 15, Next: 'Cycle +15s' },
    'Cycle +15s': cycle(15, 'Wait to +30s'),
    'Wait to +30s': { Type: 'Wait', Seconds: 15, Next: 'Cycle +30s' },
    'Cycle +30s': cycle(30, 'Wait to +45s'),
    'Wait to +45s': { Type: 'Wait', Seconds: 15, Next: 'Cycle +45s' },
    'Cycle +45s': cycle(45, 'Done'),
    Done: { Type: 'Succeed' },
  },
} as const;
