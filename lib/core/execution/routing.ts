import type { ExecutionMode } from '../orders/order';

/** Notional thresholds (dollars) for `auto` routing: below `immediateBelow` immediate, above `twapAbove` TWAP, else iceberg. */
export interface RoutingThresholds {
  immediateBelow: number;
  twapAbove: number;
}

const DEFAULT_ROUTING: RoutingThresholds = { immediateBelow: 1_000, twapAbove: 5_000 };

/**
 * Picks how to work an order. An explicit choice stands; `auto` goes by notional value
 * (quantity × reference price): small orders go at once, large ones are spread over time,
 * the middle is shown a clip at a time. A limit order that is not marketable is a resting
 * order, not one to be worked: it goes to the venue as it is, whatever its size.
 */
export function chooseExecution(
  requested: ExecutionMode | 'auto',
  notionalDollars: number,
  thresholds: RoutingThresholds = DEFAULT_ROUTING,
  marketable = true,
): ExecutionMode {
  if (requested !== 'auto') return requested;
  if (!marketable) return 'immediate';
  if (notionalDollars < thresholds.immediateBelow) return 'immediate';
  if (notionalDollars > thresholds.twapAbove) return 'twap';
  return 'iceberg';
}
