import { conditionalVaROfSorted, historicalVaROfSorted } from '../risk/var';
import { blackScholes, type OptionType } from './black-scholes';

/** An option position to revalue: signed contracts of one contract. */
export interface OptionHolding {
  underlying: string;
  type: OptionType;
  strike: number;
  /** Years to expiry now. */
  timeToExpiry: number;
  volatility: number;
  quantity: number;
  multiplier?: number;
}

/** One historical day's moves: each underlying's return, and its implied volatility's change (absolute, 0.01 = a point). */
export interface MarketScenario {
  returns: ReadonlyMap<string, number>;
  volatilityChanges: ReadonlyMap<string, number>;
}

export interface BookState {
  spots: ReadonlyMap<string, number>;
  /** Signed shares held of each underlying (stock positions beside the options). */
  shares: ReadonlyMap<string, number>;
  options: readonly OptionHolding[];
  rate: number;
}

/** The book's value in dollars (the options at Black–Scholes, the shares at spot), `days` from now under a scenario. */
export function bookValue(book: BookState, scenario: MarketScenario | null, days = 0): number {
  let value = 0;
  for (const [symbol, quantity] of book.shares) {
    value += quantity * book.spots.get(symbol)! * (1 + (scenario?.returns.get(symbol) ?? 0));
  }
  for (const option of book.options) {
    const spot = book.spots.get(option.underlying)! * (1 + (scenario?.returns.get(option.underlying) ?? 0));
    const volatility = Math.max(
      0.01,
      option.volatility + (scenario?.volatilityChanges.get(option.underlying) ?? 0),
    );
    const price = blackScholes({
      type: option.type,
      spot,
      strike: option.strike,
      rate: book.rate,
      volatility,
      timeToExpiry: Math.max(0, option.timeToExpiry - days / 365),
    }).price;
    value += option.quantity * (option.multiplier ?? 100) * price;
  }
  return value;
}

/**
 * One-day VaR and CVaR of a book with options by full revaluation: each historical scenario moves
 * every underlying by its return and its implied volatility by its change, a day passes, and the
 * whole book is priced again (no delta or gamma approximation: a short straddle's loss in a crash
 * is the loss). Positive dollars lost, at `confidence`.
 */
export function fullRevaluationVaR(
  book: BookState,
  scenarios: readonly MarketScenario[],
  confidence: number,
): { var: number; cvar: number; worst: number } {
  if (scenarios.length === 0) throw new RangeError('full revaluation needs at least one scenario');
  const now = bookValue(book, null);
  const changes = Float64Array.from(scenarios, (scenario) => bookValue(book, scenario, 1) - now).sort();
  return {
    var: historicalVaROfSorted(changes, confidence),
    cvar: conditionalVaROfSorted(changes, confidence),
    worst: -changes[0]!,
  };
}
