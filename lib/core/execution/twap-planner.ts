import { roundDownToLot } from '../market/instrument';

/** One planned TWAP slice: when it goes (seconds after the start) and its share of the total. */
export interface TwapSlice {
  /** 1-based, also the suffix of the child's client order id. */
  index: number;
  offsetSeconds: number;
  /** Seconds to wait after the previous slice (0 for the first). */
  waitSeconds: number;
  plannedQuantity: number;
}

/**
 * Splits `quantity` into `slices` near-equal whole-lot slices spread evenly over
 * `durationSeconds`. The slices always sum to `quantity` exactly; when there are fewer lots
 * than slices, the plan has fewer slices (no empty children).
 */
export function planTwap(
  quantity: number,
  slices: number,
  durationSeconds: number,
  lotSize = 1,
): TwapSlice[] {
  if (!Number.isInteger(slices) || slices < 1) throw new RangeError('slices must be a positive whole number');
  if (quantity <= 0 || quantity % lotSize !== 0)
    throw new RangeError('quantity must be a positive whole number of lots');
  const lots = quantity / lotSize;
  const count = Math.min(slices, lots);
  const interval = count > 1 ? durationSeconds / count : 0;
  const plan: TwapSlice[] = [];
  let planned = 0;
  let previousOffset = 0;
  for (let index = 1; index <= count; index++) {
    const cumulative = cumulativeTarget(quantity, count, index, lotSize);
    const offsetSeconds = Math.round((index - 1) * interval);
    plan.push({
      index,
      offsetSeconds,
      waitSeconds: offsetSeconds - previousOffset,
      plannedQuantity: cumulative - planned,
    });
    planned = cumulative;
    previousOffset = offsetSeconds;
  }
  return plan;
}

/** How much should have been sent by the end of slice `index` of `count`: a whole number of lots. */
function cumulativeTarget(quantity: number, count: number, index: number, lotSize = 1): number {
  if (index >= count) return quantity;
  return roundDownToLot((quantity * index) / count, lotSize);
}

/**
 * The quantity of the next child, adapting to what actually happened: it tops the parent up
 * to the schedule's cumulative target, counting what filled and what is still working, and
 * never goes beyond what remains. The last slice sweeps whatever is left.
 */
export function nextTwapChildQuantity(input: {
  quantity: number;
  sliceCount: number;
  index: number;
  filledQuantity: number;
  workingQuantity: number;
  lotSize?: number;
}): number {
  const lot = input.lotSize ?? 1;
  const target = cumulativeTarget(input.quantity, input.sliceCount, input.index, lot);
  const committed = input.filledQuantity + input.workingQuantity;
  const remaining = input.quantity - committed;
  return Math.max(0, Math.min(roundDownToLot(target - committed, lot), roundDownToLot(remaining, lot)));
}
