import { marketStatus } from '../market/nyse-calendar';

/**
 * Whether the engine's cycle may run at an instant: only inside NYSE's regular session of a
 * trading day (weekends, holidays and the hours after an early close are outside). The schedule
 * that fires the cycle is coarse (every minute of 09:00–16:59 New York, Monday to Friday); this
 * is the precise gate, checked by every cycle.
 */
export function cycleWindow(at: Date): { open: boolean; reason: string } {
  const status = marketStatus(at);
  if (status.isOpen) return { open: true, reason: 'regular session' };
  return { open: false, reason: `market closed; next open ${status.nextOpen.toISOString()}` };
}
