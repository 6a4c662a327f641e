import type { Quote } from '../../core/market/quote';

/** Source of current prices: the simulated market locally, a broker's data feed live. */
export interface MarketData {
  /** Latest quote per symbol; symbols it cannot price are absent from the map. */
  getQuotes(symbols: readonly string[]): Promise<Map<string, Quote>>;
}
