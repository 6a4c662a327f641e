import * as z from 'zod/mini';
import type { Clock } from '../../app/ports/clock';
import type { MarketData } from '../../app/ports/market-data';
import type { OptionChains } from '../../app/ports/option-chains';
import { midPrice } from '../../core/market/quote';
import {
  type OptionChain,
  type OptionQuote,
  blackScholes,
  expiryClose,
  impliedVolatility,
  parseOccSymbol,
} from '../../core/options';
import { type AlpacaRest, errorOf } from './alpaca-rest';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const decimal = z.union([z.string(), z.number()]);
const OptionSnapshot = z.object({
  latestQuote: z.nullable(z.optional(z.object({ ap: decimal, bp: decimal, t: z.string() }))),
  impliedVolatility: z.nullable(z.optional(z.number())),
});
const SnapshotsPage = z.object({
  snapshots: z.nullable(z.record(z.string(), z.unknown())),
  next_page_token: z.nullable(z.optional(z.string())),
});

/**
 * Option chains from Alpaca's option snapshots (`GET /v1beta1/options/snapshots/{underlying}`,
 * every page): each contract's quote, with Alpaca's implied volatility — or, where it gives none,
 * the volatility solved from the mid — and greeks from the platform's own Black–Scholes at that
 * volatility, so every strategy reads greeks computed one way. Stale or one-sided quotes are left
 * out (as for stocks); an underlying without a fresh quote has no chain.
 */
export class AlpacaOptionChains implements OptionChains {
  constructor(
    private readonly rest: AlpacaRest,
    private readonly stocks: MarketData,
    private readonly clock: Clock,
    private readonly options: { rate: number; maxAgeMs: number; feed: 'indicative' | 'opra' } = {
      rate: 0.04,
      maxAgeMs: 60_000,
      feed: 'indicative',
    },
  ) {}

  async chain(underlying: string): Promise<OptionChain | null> {
    const quote = (await this.stocks.getQuotes([underlying])).get(underlying);
    if (!quote) return null;
    const spot = midPrice(quote);
    const now = this.clock.now();
    const byExpiry = new Map<string, { calls: OptionQuote[]; puts: OptionQuote[]; timeToExpiry: number }>();
    for (const [symbol, raw] of await this.snapshots(underlying)) {
      const contract = parseOccSymbol(symbol);
      const parsed = OptionSnapshot.safeParse(raw);
      const latest = parsed.success ? parsed.data.latestQuote : undefined;
      if (!contract || !latest) continue;
      const bid = Number(latest.bp);
      const ask = Number(latest.ap);
      if (
        !(ask > 0 && bid >= 0 && ask >= bid) ||
        now.getTime() - Date.parse(latest.t) > this.options.maxAgeMs
      )
        continue;
      const timeToExpiry = (expiryClose(contract.expiry).getTime() - now.getTime()) / YEAR_MS;
      if (!(timeToExpiry > 0)) continue;
      const mid = (bid + ask) / 2;
      const inputs = {
        type: contract.type,
        spot,
        strike: contract.strike,
        rate: this.options.rate,
        timeToExpiry,
      };
      let volatility = parsed.success ? (parsed.data.impliedVolatility ?? null) : null;
      if (volatility === null) {
        try {
          volatility = impliedVolatility({ ...inputs, price: mid });
        } catch {
          continue; // a quote no volatility explains (outside the no-arbitrage bounds)
        }
      }
      const valuation = blackScholes({ ...inputs, volatility });
      const entry =
        byExpiry.get(contract.expiry) ??
        byExpiry.set(contract.expiry, { calls: [], puts: [], timeToExpiry }).get(contract.expiry)!;
      (contract.type === 'call' ? entry.calls : entry.puts).push({
        ...valuation,
        contract,
        symbol,
        bid,
        ask,
        mid,
        impliedVolatility: volatility,
        timeToExpiry,
      });
    }
    if (byExpiry.size === 0) return null;
    const byStrike = (a: OptionQuote, b: OptionQuote) => a.contract.strike - b.contract.strike;
    return {
      underlying,
      spot,
      asOf: now.toISOString(),
      expiries: [...byExpiry]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([expiry, { calls, puts, timeToExpiry }]) => ({
          expiry,
          timeToExpiry,
          calls: calls.sort(byStrike),
          puts: puts.sort(byStrike),
        })),
    };
  }

  private async snapshots(underlying: string): Promise<[string, unknown][]> {
    const out: [string, unknown][] = [];
    let pageToken: string | null | undefined;
    for (let page = 0; page < 100; page++) {
      const response = await this.rest.data(`/v1beta1/options/snapshots/${encodeURIComponent(underlying)}`, {
        feed: this.options.feed,
        limit: '1000',
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      if (response.status !== 200) throw errorOf(response.status, response.body);
      const parsed = SnapshotsPage.parse(response.body);
      out.push(...Object.entries(parsed.snapshots ?? {}));
      pageToken = parsed.next_page_token;
      if (!pageToken) break;
    }
    return out;
  }
}
