import { isOptionSymbol, parseOccSymbol } from '../../core/options/occ-symbol';
import type { Quote } from '../../core/market/quote';
import type { MarketData } from '../ports/market-data';
import type { OptionChains } from '../ports/option-chains';
import { quoteContracts } from './leg-quotes';

/** What prices a book: the market data for shares, the option chains for contracts. */
export interface BookPricing {
  marketData: MarketData;
  optionChains: OptionChains;
}

/**
 * Quotes of `symbols`: shares from the market data, option contracts from their underlyings'
 * chains — each at its bid, ask and mid (`last`), with its underlying and greeks — so every
 * valuation marks options at the chain mid. Symbols nobody can price are absent.
 */
export async function quoteSymbols(
  deps: BookPricing,
  symbols: readonly string[],
): Promise<Map<string, Quote>> {
  const options = symbols.filter(isOptionSymbol);
  if (options.length === 0) return deps.marketData.getQuotes(symbols);
  const [quotes, contracts] = await Promise.all([
    deps.marketData.getQuotes(symbols.filter((symbol) => !isOptionSymbol(symbol))),
    quoteContracts(deps.optionChains, options),
  ]);
  for (const [symbol, quote] of contracts.quotes) {
    quotes.set(symbol, {
      symbol,
      bid: quote.bid,
      ask: quote.ask,
      last: quote.mid,
      at: new Date(quote.asOf),
      option: {
        underlying: quote.contract.underlying,
        spot: quote.spot,
        impliedVolatility: quote.impliedVolatility,
        timeToExpiry: quote.timeToExpiry,
        delta: quote.delta,
        gamma: quote.gamma,
        vega: quote.vega,
        theta: quote.theta,
      },
    });
  }
  return quotes;
}

/** The symbols whose price history measures a book's risk: an option's is its underlying's. */
export function riskSymbols(symbols: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const symbol of symbols) out.add(parseOccSymbol(symbol)?.underlying ?? symbol);
  return [...out];
}
