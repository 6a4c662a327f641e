import type { Clock } from '../../app/ports/clock';
import type { MarketData } from '../../app/ports/market-data';
import type { Quote } from '../../core/market/quote';
import { type AlpacaRest, errorOf } from './alpaca-rest';
import { AlpacaSnapshot } from './alpaca-schemas';

/**
 * Latest quotes from Alpaca's market data API (`GET /v2/stocks/snapshots`: quote and last trade
 * in one call per batch of symbols). Stale-quote protection: a quote older than `maxAgeMs` — or
 * crossed, or not positive — is left out, so the symbol is unpriced and no order is priced off it
 * (pre-trade validation then rejects with "no current quote").
 */
export class AlpacaMarketData implements MarketData {
  constructor(
    private readonly rest: AlpacaRest,
    private readonly clock: Clock,
    private readonly options: { maxAgeMs: number; feed: 'iex' | 'sip' } = { maxAgeMs: 15_000, feed: 'iex' },
  ) {}

  async getQuotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const quotes = new Map<string, Quote>();
    const now = this.clock.now().getTime();
    for (let start = 0; start < symbols.length; start += 100) {
      const batch = symbols.slice(start, start + 100);
      const response = await this.rest.data('/v2/stocks/snapshots', {
        symbols: batch.join(','),
        feed: this.options.feed,
      });
      if (response.status !== 200) throw errorOf(response.status, response.body);
      const body = (response.body ?? {}) as Record<string, unknown>;
      for (const symbol of batch) {
        const parsed = AlpacaSnapshot.safeParse(body[symbol]);
        const quote = parsed.success ? parsed.data.latestQuote : undefined;
        if (!quote) continue;
        const bid = Number(quote.bp);
        const ask = Number(quote.ap);
        const at = new Date(quote.t);
        if (
          !(bid > 0 && ask >= bid) ||
          Number.isNaN(at.getTime()) ||
          now - at.getTime() > this.options.maxAgeMs
        )
          continue;
        const trade = parsed.success ? parsed.data.latestTrade : undefined;
        quotes.set(symbol, { symbol, bid, ask, last: trade ? Number(trade.p) : (bid + ask) / 2, at });
      }
    }
    return quotes;
  }
}
