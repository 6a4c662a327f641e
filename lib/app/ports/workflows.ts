import type { Order } from '../../core/orders/order';

/** Works TWAP and iceberg parents over time (Step Functions in both hosts). */
export interface Workflows {
  /** Starts working the parent; starting it again is a no-op (the run is named after the order). */
  start(order: Order): Promise<void>;
  /** Stops the run; stopping one that has ended is a no-op. */
  stop(order: Order): Promise<void>;
  /**
   * Where the parent's run is: `running`; `ended` (succeeded, failed, timed out or stopped — a
   * run cannot be started again under the same name); `absent` (never started, or lost with a
   * local host's memory).
   */
  status(order: Order): Promise<WorkflowStatus>;
}

export type WorkflowStatus = 'running' | 'ended' | 'absent';
