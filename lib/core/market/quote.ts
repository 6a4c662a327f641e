/** A top-of-book quote. Prices in dollars per share; `at` is the quote's own timestamp. */
export interface Quote {
  symbol: string;
  bid: number;
  ask: number;
  last: number;
  at: Date;
}

/** Mid price of a quote, the reference used for valuation. */
export function midPrice(quote: Quote): number {
  return (quote.bid + quote.ask) / 2;
}
