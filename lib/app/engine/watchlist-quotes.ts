import type { Quote } from '../../core/market/quote';
import type { MarketData } from '../ports/market-data';

export interface WatchlistQuotes {
  quotes: Quote[];
  /** Symbols the market data could not price (unknown, or no quote yet). */
  unpriced: string[];
}

/** The latest quote of each symbol, in the order asked, in one batched market-data call. */
export async function watchlistQuotes(
  deps: { marketData: MarketData },
  symbols: readonly string[],
): Promise<WatchlistQuotes> {
  const unique = [...new Set(symbols)];
  const quotes = await deps.marketData.getQuotes(unique);
  return {
    quotes: unique.flatMap((symbol) => {
      const quote = quotes.get(symbol);
      return quote ? [quote] : [];
    }),
    unpriced: unique.filter((symbol) => !quotes.has(symbol)),
  };
}
