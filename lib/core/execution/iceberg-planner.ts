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

/**
 * How many looks an iceberg's state machine may take in one day: a Standard execution's history
 * holds 25,000 events and each look (a task, a choice, a wait) writes 9; a fifth is kept back for
 * retries and the wind-down.
 */
export const ICEBERG_MAX_STEPS = Math.floor((25_000 * 0.8) / 9);

/** The shortest and longest pause between two looks, in seconds. */
const ICEBERG_POLL_BOUNDS = { min: 2, max: 60 } as const;

/**
 * Seconds until an iceberg looks again: the session's remaining time spread over the looks it
 * has left, within ICEBERG_POLL_BOUNDS — every 2 s near the close, every ~10 s at the open — so a
 * working iceberg reaches the close on its history budget instead of exhausting it mid-day.
 */
export function icebergPollSeconds(input: { secondsToClose: number; stepsTaken: number }): number {
  const stepsLeft = Math.max(1, ICEBERG_MAX_STEPS - input.stepsTaken);
  const spread = Math.ceil(Math.max(0, input.secondsToClose) / stepsLeft);
  return Math.min(ICEBERG_POLL_BOUNDS.max, Math.max(ICEBERG_POLL_BOUNDS.min, spread));
}
