import type { PositionExits } from './session';

/**
 * Whether a strategy's position should be closed now: at its profit target, its stop, or after
 * its longest holding time. Checked every cycle, independently of the strategy's own signals.
 */
export function exitReason(
  exits: PositionExits | undefined,
  position: { entryPrice: number; openedAt: string },
  price: number,
  now: Date,
): string | null {
  if (!exits) return null;
  const change = price / position.entryPrice - 1;
  if (exits.takeProfit !== undefined && change >= exits.takeProfit) {
    return `take profit: ${(change * 100).toFixed(2)} % ≥ ${(exits.takeProfit * 100).toFixed(2)} %`;
  }
  if (exits.stopLoss !== undefined && change <= -exits.stopLoss) {
    return `stop loss: ${(change * 100).toFixed(2)} % ≤ −${(exits.stopLoss * 100).toFixed(2)} %`;
  }
  const heldMinutes = (now.getTime() - Date.parse(position.openedAt)) / 60_000;
  if (exits.maxHoldMinutes !== undefined && heldMinutes >= exits.maxHoldMinutes) {
    return `time exit: held ${Math.floor(heldMinutes)} min ≥ ${exits.maxHoldMinutes} min`;
  }
  return null;
}
