import type { OptionType } from './black-scholes';

/** A position in one contract at expiry: signed contracts (short negative). */
export interface ExpiringLeg {
  type: OptionType;
  strike: number;
  /** Signed contracts: long positive, short negative. */
  quantity: number;
}

/**
 * The most a set of options on one underlying and expiry can lose, held to expiry, in dollars:
 * the premium paid (or less the credit received, `netPremium` per share × multiplier summed over
 * the legs, positive when paid) plus the worst the payoff at expiry can be. The payoff is
 * piecewise linear in the underlying's price with kinks at the strikes, so its minimum is at 0,
 * at a strike, or unbounded when the position is net short calls (Infinity: naked).
 * What buying power reserves for a defined-risk spread.
 */
export function maximumLoss(legs: readonly ExpiringLeg[], netPremium: number, multiplier = 100): number {
  const netCalls = legs.reduce((sum, leg) => sum + (leg.type === 'call' ? leg.quantity : 0), 0);
  if (netCalls < 0) return Number.POSITIVE_INFINITY;
  const payoffAt = (price: number) =>
    legs.reduce((sum, leg) => {
      const intrinsic =
        leg.type === 'call' ? Math.max(0, price - leg.strike) : Math.max(0, leg.strike - price);
      return sum + leg.quantity * intrinsic;
    }, 0);
  let worst = payoffAt(0);
  for (const leg of legs) worst = Math.min(worst, payoffAt(leg.strike));
  const loss = (netPremium - worst) * multiplier;
  return Math.max(0, Math.round(loss * 100) / 100);
}
