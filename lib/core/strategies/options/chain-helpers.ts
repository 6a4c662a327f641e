import { findOptionQuote, type OptionChain, type OptionQuote } from '../../options';
import type { OptionLeg } from '../strategy';

export type ChainExpiry = OptionChain['expiries'][number];

/** The expiry whose days to expiry are closest to `targetDays`, among those beyond `minimumDays`. */
export function expiryNearest(
  chain: OptionChain,
  targetDays: number,
  minimumDays: number,
): ChainExpiry | undefined {
  return chain.expiries
    .filter((expiry) => expiry.timeToExpiry * 365 > minimumDays)
    .sort(
      (a, b) => Math.abs(a.timeToExpiry * 365 - targetDays) - Math.abs(b.timeToExpiry * 365 - targetDays),
    )[0];
}

/** Days left to a leg's expiry as of the chain (0 when it is gone from the chain). */
export function daysToExpiry(chain: OptionChain, expiry: string): number {
  const listed = chain.expiries.find((entry) => entry.expiry === expiry);
  return listed ? listed.timeToExpiry * 365 : 0;
}

/** Mid of a leg's option in the chain; undefined if it is not listed. */
function midOf(chain: OptionChain, leg: Pick<OptionLeg, 'expiry' | 'type' | 'strike'>): number | undefined {
  return findOptionQuote(chain, leg)?.mid;
}

/** Value of a multi-leg position per share at the chain's mids (long legs +, short legs −); undefined if a leg is unpriced. */
export function positionValue(chain: OptionChain, legs: readonly OptionLeg[]): number | undefined {
  let value = 0;
  for (const leg of legs) {
    const mid = midOf(chain, leg);
    if (mid === undefined) return undefined;
    value += leg.quantity * mid;
  }
  return value;
}

export function leg(quote: OptionQuote, quantity: number): OptionLeg {
  return {
    symbol: quote.symbol,
    type: quote.contract.type,
    strike: quote.contract.strike,
    expiry: quote.contract.expiry,
    quantity,
    price: quote.mid,
  };
}

/** The same legs, reversed and priced at the chain: what closes the position. */
export function closingLegs(chain: OptionChain, legs: readonly OptionLeg[]): OptionLeg[] {
  return legs.map((open) => ({
    ...open,
    quantity: -open.quantity,
    price: midOf(chain, open) ?? open.price,
  }));
}
