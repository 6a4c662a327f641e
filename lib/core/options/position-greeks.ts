import type { OptionMark } from '../market/quote';
import { OPTION_MULTIPLIER } from './occ-symbol';

/**
 * A position's greeks in the one convention Stratus shows (dollar greeks of the whole position):
 * - `deltaShares`: the shares of the underlying it moves like (Δ × contracts × 100); `deltaDollars` × spot;
 * - `gammaShares`: how much that delta changes for a $1 move of the underlying (Γ × contracts × 100);
 * - `vegaPerPoint`: dollars gained for one point (0.01) more implied volatility;
 * - `thetaPerDay`: dollars earned (negative: lost) for one calendar day passing.
 * Shares of the underlying count as delta 1 a share, nothing else.
 */
export interface PositionGreeks {
  deltaShares: number;
  deltaDollars: number;
  gammaShares: number;
  vegaPerPoint: number;
  thetaPerDay: number;
}

export const NO_GREEKS: PositionGreeks = Object.freeze({
  deltaShares: 0,
  deltaDollars: 0,
  gammaShares: 0,
  vegaPerPoint: 0,
  thetaPerDay: 0,
});

/** The greeks of `contracts` (signed) of an option at its mark. */
export function optionPositionGreeks(contracts: number, mark: OptionMark): PositionGreeks {
  const shares = contracts * OPTION_MULTIPLIER;
  return {
    deltaShares: mark.delta * shares,
    deltaDollars: mark.delta * shares * mark.spot,
    gammaShares: mark.gamma * shares,
    vegaPerPoint: (mark.vega / 100) * shares,
    thetaPerDay: (mark.theta / 365) * shares,
  };
}

/** The greeks of `shares` (signed) of an underlying at `spot`: delta only. */
export function sharePositionGreeks(shares: number, spot: number): PositionGreeks {
  return { ...NO_GREEKS, deltaShares: shares, deltaDollars: shares * spot };
}

/** Greeks added up (positions on one underlying, or a whole book in dollars). */
export function addGreeks(a: PositionGreeks, b: PositionGreeks): PositionGreeks {
  return {
    deltaShares: a.deltaShares + b.deltaShares,
    deltaDollars: a.deltaDollars + b.deltaDollars,
    gammaShares: a.gammaShares + b.gammaShares,
    vegaPerPoint: a.vegaPerPoint + b.vegaPerPoint,
    thetaPerDay: a.thetaPerDay + b.thetaPerDay,
  };
}

/**
 * The trade in the underlying that brings a book's delta on it to zero, in whole shares: sell
 * what the delta is long, buy what it is short. A suggestion shown to the trader, never sent;
 * none under half a share (nothing to hedge).
 */
export function deltaHedge(deltaShares: number): { side: 'buy' | 'sell'; quantity: number } | null {
  const quantity = Math.round(Math.abs(deltaShares));
  if (quantity === 0) return null;
  return { side: deltaShares > 0 ? 'sell' : 'buy', quantity };
}
