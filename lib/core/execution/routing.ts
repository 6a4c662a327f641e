import type { ExecutionMode } from '../orders/order';

/** Notional thresholds (dollars) for `auto` routing: below `immediateBelow` immediate, above `twapAbove` TWAP, else iceberg. */
export interface RoutingThresholds {
  immediateBelow: number;
  twapAbove: number;
}

export const DEFAULT_ROUTING: RoutingThresholds = { immediateBelow: 1_000, twapAbove: 5_000 };

/**
 * Picks how to work an order. An explicit choice stands; `auto` goes by notional value
 * (quantity × reference price): small orders go at once, large ones are spread over time,
 * the middle is shown a clip at a time.
 */
export function chooseExecution(
  requested: ExecutionMode | 'auto',
  notionalDollars: number,
  thresholds: RoutingThresholds = DEFAULT_ROUTING,
): ExecutionMode {
  if (requested !== 'auto') return requested;
  if (notionalDollars < thresholds.immediateBelow) return 'immediate';
  if (notionalDollars > thresholds.twapAbove) return 'twap';
  return 'iceberg';
}
