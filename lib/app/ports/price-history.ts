import type { Bar } from '../../core/strategies/strategy';

/** Daily closing prices, for the risk model (VaR, covariances). */
export interface PriceHistory {
  /**
   * Daily bars of the last `sessions` completed sessions before `asOf`, oldest first, per
   * symbol (time = the session's close). Symbols without history are absent from the map.
   */
  dailyBars(symbols: readonly string[], sessions: number, asOf: Date): Promise<Map<string, Bar[]>>;
  /**
   * The closes of the last `sessions` + 1 completed sessions before `asOf`, oldest first, per
   * symbol (so `sessions` daily returns). Symbols without history are absent from the map.
   */
  dailyCloses(symbols: readonly string[], sessions: number, asOf: Date): Promise<Map<string, number[]>>;
}

/** Recent minute bars, for the engine's intraday strategies. */
export interface IntradayBars {
  /**
   * The last `count` completed one-minute bars of regular sessions at or before `asOf`, oldest
   * first, per symbol (time = the minute's close; earlier sessions fill in before today's open).
   * Symbols without data are absent from the map.
   */
  minuteBars(symbols: readonly string[], count: number, asOf: Date): Promise<Map<string, Bar[]>>;
}
