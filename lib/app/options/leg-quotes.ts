import { findOptionQuote, type OptionQuote, parseOccSymbol } from '../../core/options';
import { type DisplayedOptionQuote, displayedContracts } from '../../core/options/option-fill';
import type { OptionChains } from '../ports/option-chains';

/** A contract's quote as the venue shows it: the chain's quote with the contracts displayed. */
export type LegQuote = OptionQuote & DisplayedOptionQuote & { spot: number; asOf: string };

/**
 * The current quote of each contract (from its underlying's chain, read once per underlying),
 * or `missing`: the contracts the chains do not list now (unknown, expired, or a strike the
 * listing no longer reaches).
 */
export async function quoteContracts(
  chains: OptionChains,
  symbols: Iterable<string>,
): Promise<{ quotes: Map<string, LegQuote>; missing: string[] }> {
  const quotes = new Map<string, LegQuote>();
  const missing: string[] = [];
  const byUnderlying = new Map<string, Awaited<ReturnType<OptionChains['chain']>>>();
  for (const symbol of symbols) {
    const contract = parseOccSymbol(symbol);
    if (!contract) {
      missing.push(symbol);
      continue;
    }
    if (!byUnderlying.has(contract.underlying))
      byUnderlying.set(contract.underlying, await chains.chain(contract.underlying));
    const chain = byUnderlying.get(contract.underlying);
    const quote = chain ? findOptionQuote(chain, contract) : undefined;
    if (!quote) {
      missing.push(symbol);
      continue;
    }
    const shown = displayedContracts(quote.delta);
    quotes.set(symbol, { ...quote, bidSize: shown, askSize: shown, spot: chain!.spot, asOf: chain!.asOf });
  }
  return { quotes, missing };
}
