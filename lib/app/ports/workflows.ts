import type { Order } from '../../core/orders/order';

/** Works TWAP and iceberg parents over time (Step Functions in both hosts). */
export interface Workflows {
  /** Starts working the parent; starting it again is a no-op (the run is named after the order). */
  start(order: Order): Promise<void>;
  /** Stops the run; stopping one that has ended is a no-op. */
  stop(order: Order): Promise<void>;
}
