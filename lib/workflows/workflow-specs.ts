import type { FunctionName } from '../../functions/catalog';
import { ICEBERG_DEFINITION } from './iceberg.asl';
import { TWAP_DEFINITION } from './twap.asl';

/**
 * The state machines, described once. CDK deploys each definition with its `${Placeholder}`
 * resources substituted by function ARNs; the local host runs the very same definition,
 * sending those tasks to the same functions in-process.
 */
export interface WorkflowSpec {
  readonly name: string;
  /** Where functions find the state machine's ARN. */
  readonly envVar: string;
  readonly definition: Record<string, unknown>;
  /** Placeholder → the function its Task states invoke. */
  readonly tasks: Readonly<Record<string, FunctionName>>;
}

export const WORKFLOWS = {
  twap: {
    name: 'twap',
    envVar: 'STRATUS_STATE_MACHINE_TWAP',
    definition: TWAP_DEFINITION,
    tasks: { WorkFunctionArn: 'workParentOrder' },
  },
  iceberg: {
    name: 'iceberg',
    envVar: 'STRATUS_STATE_MACHINE_ICEBERG',
    definition: ICEBERG_DEFINITION,
    tasks: { WorkFunctionArn: 'workParentOrder' },
  },
} as const satisfies Record<string, WorkflowSpec>;

export const ALL_WORKFLOWS: readonly WorkflowSpec[] = Object.values(WORKFLOWS);

/** Every Task state (including those inside Map and Parallel states) with its placeholder. */
export function taskStates(definition: Record<string, unknown>): { state: string; placeholder: string }[] {
  const found: { state: string; placeholder: string }[] = [];
  const visit = (states: unknown) => {
    for (const [name, state] of Object.entries((states ?? {}) as Record<string, Record<string, unknown>>)) {
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        const placeholder = /^\$\{(\w+)\}$/.exec(state.Resource)?.[1];
        if (placeholder) found.push({ state: name, placeholder });
      }
      for (const child of [state.Iterator, state.ItemProcessor, ...((state.Branches as unknown[]) ?? [])]) {
        if (child) visit((child as Record<string, unknown>).States);
      }
    }
  };
  visit(definition.States);
  return found;
}
