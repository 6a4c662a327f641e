import { roundDownToLot } from '../market/instrument';

/**
 * The size of the next visible clip of an iceberg: the display quantity, or whatever is left
 * if that is less; nothing while a clip is still working (only one is ever shown).
 */
export function nextIcebergClip(input: {
  quantity: number;
  filledQuantity: number;
  workingQuantity: number;
  displayQuantity: number;
  lotSize?: number;
}): number {
  if (input.workingQuantity > 0) return 0;
  const remaining = input.quantity - input.filledQuantity;
  return Math.max(0, Math.min(roundDownToLot(input.displayQuantity, input.lotSize ?? 1), remaining));
}
