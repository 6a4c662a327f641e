import type { Cents } from '../money';
import { toCents } from '../money';
import type { Side } from '../orders/order';
import { OPTION_MULTIPLIER, parseOccSymbol } from './occ-symbol';
import { optionsRequirementCents } from './option-requirement';

/** Alpaca's `position_intent`: whether a leg opens or closes, and which way. */
export type PositionIntent = 'buy_to_open' | 'buy_to_close' | 'sell_to_open' | 'sell_to_close';

/** One leg of an option order: `ratio` contracts of `symbol` per unit of the order. */
export interface OptionOrderLeg {
  symbol: string;
  side: Side;
  ratio: number;
  positionIntent: PositionIntent;
}

/**
 * How much an account must be trusted with options (Alpaca's levels, named): `long` buys calls
 * and puts; `spreads` adds defined-risk spreads, every short leg covered by a long of its type
 * and expiry in the same order; `naked` adds uncovered short puts, secured by cash at the strike.
 * Uncovered short calls have no bounded loss and a cash account never holds one.
 */
export type OptionsLevel = 'none' | 'long' | 'spreads' | 'naked';

const LEVEL_RANK: Record<OptionsLevel, number> = { none: 0, long: 1, spreads: 2, naked: 3 };

export function levelAllows(level: OptionsLevel, needed: OptionsLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[needed];
}

/** The level an order needs: what its opening legs are, whatever the account already holds. */
export function levelNeeded(legs: readonly OptionOrderLeg[]): Exclude<OptionsLevel, 'none'> {
  const shortsOpened = legs.filter((leg) => leg.positionIntent === 'sell_to_open');
  if (shortsOpened.length === 0) return 'long';
  // Every contract sold to open is matched by one bought to open of the same type and expiry.
  const balance = new Map<string, number>();
  for (const leg of legs) {
    if (leg.positionIntent !== 'sell_to_open' && leg.positionIntent !== 'buy_to_open') continue;
    const contract = parseOccSymbol(leg.symbol)!;
    const key = `${contract.underlying} ${contract.expiry} ${contract.type}`;
    balance.set(key, (balance.get(key) ?? 0) + (leg.side === 'buy' ? leg.ratio : -leg.ratio));
  }
  return [...balance.values()].every((net) => net >= 0) ? 'spreads' : 'naked';
}

/** A leg's quote, per share. */
export interface LegQuote {
  bid: number;
  ask: number;
}

/**
 * The spread's market per unit and per share, positive a debit: `bid` the best net the order
 * could hope for (its buys at the bid, sells at the ask), `ask` what crossing every leg costs.
 */
export function netQuote(
  legs: readonly OptionOrderLeg[],
  quotes: ReadonlyMap<string, LegQuote>,
): { bid: number; ask: number } {
  let bid = 0;
  let ask = 0;
  for (const leg of legs) {
    const quote = quotes.get(leg.symbol)!;
    if (leg.side === 'buy') {
      bid += leg.ratio * quote.bid;
      ask += leg.ratio * quote.ask;
    } else {
      bid -= leg.ratio * quote.ask;
      ask -= leg.ratio * quote.bid;
    }
  }
  return { bid: round2(bid), ask: round2(ask) };
}

/** Signed contracts of every option position after the order's legs have traded `units` times. */
export function positionsAfter(
  held: Iterable<{ symbol: string; quantity: number }>,
  legs: readonly OptionOrderLeg[],
  units: number,
): Map<string, number> {
  const after = new Map<string, number>();
  for (const { symbol, quantity } of held) after.set(symbol, quantity);
  for (const leg of legs) {
    const signed = (leg.side === 'buy' ? 1 : -1) * leg.ratio * units;
    after.set(leg.symbol, (after.get(leg.symbol) ?? 0) + signed);
  }
  return after;
}

/**
 * Cash an option order holds while it works: the premium it may pay at `netPrice` (per share,
 * positive a debit) plus what it adds to the account's option requirement — less the credit it
 * is sure to receive. For an order opened from flat that is its maximum loss held to expiry (an
 * iron condor: the wider wing less the credit); an order that closes a spread may need nothing.
 * Infinity when the order would leave an uncovered short call.
 */
export function optionOrderReservationCents(
  held: readonly { symbol: string; quantity: number }[],
  legs: readonly OptionOrderLeg[],
  units: number,
  netPrice: number,
): Cents {
  const before = optionsRequirementCents(held);
  const after = optionsRequirementCents(
    [...positionsAfter(held, legs, units)].map(([symbol, quantity]) => ({ symbol, quantity })),
  );
  if (!Number.isFinite(after)) return Number.POSITIVE_INFINITY;
  return Math.max(0, after - before + toCents(netPrice * OPTION_MULTIPLIER * units));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100 + 0;
}

/** The most whole units legs of these sizes make (their greatest common divisor): 2 × 4 and 4 × 2 contracts are 2 units of 2 and 1. */
export function commonUnits(quantities: readonly number[]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return quantities.map(Math.abs).reduce(gcd);
}
