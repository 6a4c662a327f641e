import type { Clock } from '../../app/ports/clock';
import type { MarketData } from '../../app/ports/market-data';
import type { IntradayBars, PriceHistory } from '../../app/ports/price-history';
import { latestSessionOnOrBefore, newYorkDate, sessionsClosedBefore } from '../../core/market/nyse-calendar';
import type { Bar } from '../../core/strategies/strategy';
import { historicalBars } from './alpaca-bars';
import type { Quote } from '../../core/market/quote';
import { type AlpacaRest, errorOf } from './alpaca-rest';
import { AlpacaSnapshot } from './alpaca-schemas';

/**
 * Latest quotes from Alpaca's market data API (`GET /v2/stocks/snapshots`: quote and last trade
 * in one call per batch of symbols). Stale-quote protection: a quote older than `maxAgeMs` — or
 * crossed, or not positive — is left out, so the symbol is unpriced and no order is priced off it
 * (pre-trade validation then rejects with "no current quote").
 */
export class AlpacaMarketData implements MarketData, PriceHistory, IntradayBars {
  constructor(
    private readonly rest: AlpacaRest,
    private readonly clock: Clock,
    private readonly options: { maxAgeMs: number; feed: 'iex' | 'sip' } = { maxAgeMs: 15_000, feed: 'iex' },
  ) {}

  async dailyBars(symbols: readonly string[], sessions: number, asOf: Date): Promise<Map<string, Bar[]>> {
    const wanted = sessionsClosedBefore(asOf, sessions);
    const out = new Map<string, Bar[]>();
    if (wanted.length === 0) return out;
    const byDate = new Map(wanted.map((session) => [session.date, session]));
    const raw = await historicalBars(this.rest, symbols, '1Day', wanted[0]!.open, asOf, this.options.feed);
    for (const [symbol, bars] of raw) {
      // A daily bar is stamped at the session's New York midnight; it becomes the session's close.
      const list = bars.flatMap(({ start, ...bar }) => {
        const session = byDate.get(newYorkDate(start));
        return session ? [{ ...bar, time: session.close.toISOString() }] : [];
      });
      if (list.length) out.set(symbol, list.slice(-sessions));
    }
    return out;
  }

  async dailyCloses(
    symbols: readonly string[],
    sessions: number,
    asOf: Date,
  ): Promise<Map<string, number[]>> {
    const bars = await this.dailyBars(symbols, sessions + 1, asOf);
    return new Map([...bars].map(([symbol, list]) => [symbol, list.map((bar) => bar.close)]));
  }

  async minuteBars(symbols: readonly string[], count: number, asOf: Date): Promise<Map<string, Bar[]>> {
    const sessions = [...sessionsClosedBefore(asOf, Math.ceil(count / 390) + 1)];
    const today = latestSessionOnOrBefore(asOf);
    if (!sessions.some((session) => session.date === today.date)) sessions.push(today);
    const out = new Map<string, Bar[]>();
    if (sessions.length === 0) return out;
    const raw = await historicalBars(this.rest, symbols, '1Min', sessions[0]!.open, asOf, this.options.feed);
    for (const [symbol, bars] of raw) {
      // Regular-session minutes that have closed by `asOf`, each timed at its close.
      const list = bars.flatMap(({ start, ...bar }) => {
        const close = new Date(start.getTime() + 60_000);
        const inSession = sessions.some((session) => start >= session.open && close <= session.close);
        return inSession && close <= asOf ? [{ ...bar, time: close.toISOString() }] : [];
      });
      if (list.length) out.set(symbol, list.slice(-count));
    }
    return out;
  }

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
