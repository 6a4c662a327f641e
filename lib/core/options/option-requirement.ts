import { type Cents, toCents } from '../money';
import { maximumLoss, type ExpiringLeg } from './max-loss';
import { isOptionSymbol, OPTION_MULTIPLIER, parseOccSymbol } from './occ-symbol';

/**
 * What held option positions oblige a cash account to keep aside, in cents: for each underlying
 * and expiry, the worst the positions' payoff at expiry can be (their premium is already in
 * cash). A long option needs nothing; a credit spread its width; a cash-secured put its strike;
 * a condor the wider of its wings. Short calls not covered by a long call of the same expiry are
 * unbounded (Infinity) — the order path never lets a cash account hold one. Shares held do not
 * cover calls here: an option's requirement is met by options alone (stated, conservative).
 */
export function optionsRequirementCents(positions: Iterable<{ symbol: string; quantity: number }>): Cents {
  const groups = new Map<string, ExpiringLeg[]>();
  for (const { symbol, quantity } of positions) {
    if (quantity === 0 || !isOptionSymbol(symbol)) continue;
    const contract = parseOccSymbol(symbol);
    if (!contract) continue;
    const key = `${contract.underlying} ${contract.expiry}`;
    let legs = groups.get(key);
    if (!legs) groups.set(key, (legs = []));
    legs.push({ type: contract.type, strike: contract.strike, quantity });
  }
  let total = 0;
  for (const legs of groups.values()) {
    const worst = maximumLoss(legs, 0, OPTION_MULTIPLIER);
    if (!Number.isFinite(worst)) return Number.POSITIVE_INFINITY;
    total += toCents(worst);
  }
  return total;
}
