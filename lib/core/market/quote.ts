/** A top-of-book quote. Prices in dollars per share; `at` is the quote's own timestamp. */
export interface Quote {
  symbol: string;
  bid: number;
  ask: number;
  last: number;
  at: Date;
  /** An option contract's quote carries what it was priced from: its underlying and greeks. */
  option?: OptionMark;
}

/** An option's model values at its quote: greeks per share per contract unit (Black–Scholes units). */
export interface OptionMark {
  underlying: string;
  spot: number;
  impliedVolatility: number;
  /** Years. */
  timeToExpiry: number;
  delta: number;
  gamma: number;
  /** Per 1.00 of volatility. */
  vega: number;
  /** Per year. */
  theta: number;
}

/** Mid price of a quote, the reference used for valuation. */
export function midPrice(quote: Quote): number {
  return (quote.bid + quote.ask) / 2;
}
