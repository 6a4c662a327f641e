import { type Cents, notionalCents } from '../money';
import { RoundTrips } from '../analytics/round-trips';

export type { BookFill as BacktestFill, BookPosition } from '../analytics/round-trips';

/**
 * A backtest's books, kept as the live account keeps them: cash in integer cents, each fill
 * applied by the account's own rule through the round-trip builder live performance uses too
 * (`RoundTrips`), commission an expense. Fills are rare next to bars: only the per-bar reads
 * (`cash`, positions' quantities) are on the hot path, and they are plain fields.
 */
export class BacktestBook extends RoundTrips {
  cashCents: Cents;
  /** `cashCents` in dollars, kept beside it so a bar's equity needs no division. */
  cash: number;
  feesCents: Cents = 0;

  constructor(symbols: readonly string[], capital: number) {
    super(symbols);
    this.cashCents = Math.round(capital * 100);
    this.cash = this.cashCents / 100;
  }

  /** Applies one fill of symbol `k`: cash, the position, and a trade when it ends a round trip. */
  execute(
    k: number,
    side: 'buy' | 'sell',
    quantity: number,
    notional: Cents,
    commission: Cents,
    time: number,
  ): void {
    this.moveCash((side === 'buy' ? -notional : notional) - commission);
    this.feesCents += commission;
    this.apply(k, side, quantity, notional, commission, time);
  }

  /** Cash in or out that is not a share fill (option premiums and their fees). */
  moveCash(cents: Cents): void {
    this.cashCents += cents;
    this.cash = this.cashCents / 100;
  }

  /** Cash plus every share position at these prices, in cents (each position's value rounded as the account's valuation rounds it). */
  equityCents(prices: ArrayLike<number>): Cents {
    let value = this.cashCents;
    for (let k = 0; k < this.positions.length; k++) {
      const quantity = this.positions[k]!.quantity;
      if (quantity !== 0) value += notionalCents(prices[k]!, quantity);
    }
    return value;
  }
}
