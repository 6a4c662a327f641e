import type { FunctionName } from '../platform/function-catalog';
import { allStates } from './asl-states';
import { ENGINE_CYCLE_DEFINITION } from './engine-cycle.asl';
import { ICEBERG_DEFINITION } from './iceberg.asl';
import { SWEEP_DEFINITION } from './sweep.asl';
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
  /** Standard (long-running, exactly-once steps) or Express (short, high-rate: the engine's minute). */
  readonly type: 'STANDARD' | 'EXPRESS';
  /** Placeholder → the function its Task states invoke. */
  readonly tasks: Readonly<Record<string, FunctionName>>;
}

export const WORKFLOWS = {
  twap: {
    name: 'twap',
    envVar: 'STRATUS_STATE_MACHINE_TWAP',
    definition: TWAP_DEFINITION,
    type: 'STANDARD',
    tasks: { WorkFunctionArn: 'workParentOrder' },
  },
  iceberg: {
    name: 'iceberg',
    envVar: 'STRATUS_STATE_MACHINE_ICEBERG',
    definition: ICEBERG_DEFINITION,
    type: 'STANDARD',
    tasks: { WorkFunctionArn: 'workParentOrder' },
  },
  engineCycle: {
    name: 'engine-cycle',
    envVar: 'STRATUS_STATE_MACHINE_ENGINE_CYCLE',
    definition: ENGINE_CYCLE_DEFINITION,
    type: 'EXPRESS',
    tasks: { CycleFunctionArn: 'engineCycle' },
  },
  sweep: {
    name: 'sweep',
    envVar: 'STRATUS_STATE_MACHINE_SWEEP',
    definition: SWEEP_DEFINITION,
    type: 'STANDARD',
    tasks: { SweepFunctionArn: 'sweepWorker' },
  },
} as const satisfies Record<string, WorkflowSpec>;

export const ALL_WORKFLOWS: readonly WorkflowSpec[] = Object.values(WORKFLOWS);

/** The machines that work parent orders: what functions that manage workflows may start and stop. */
export const ORDER_WORKFLOWS: readonly WorkflowSpec[] = [WORKFLOWS.twap, WORKFLOWS.iceberg];

/** Whether a definition has a Distributed Map (its child executions need the machine's own grants). */
export function hasDistributedMap(definition: Record<string, unknown>): boolean {
  return allStates(definition).some(
    ([, body]) =>
      (body.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined)?.ProcessorConfig?.Mode ===
      'DISTRIBUTED',
  );
}

/** Every Task state (including those inside Map and Parallel states) with its placeholder. */
export function taskStates(definition: Record<string, unknown>): { state: string; placeholder: string }[] {
  return allStates(definition).flatMap(([state, body]) => {
    const placeholder =
      typeof body.Resource === 'string' ? /^\$\{(\w+)\}$/.exec(body.Resource)?.[1] : undefined;
    return body.Type === 'Task' && placeholder ? [{ state, placeholder }] : [];
  });
}
