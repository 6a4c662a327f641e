/** Daily closing prices, for the risk model (VaR, covariances). */
export interface PriceHistory {
  /**
   * The closes of the last `sessions` + 1 completed sessions before `asOf`, oldest first, per
   * symbol (so `sessions` daily returns). Symbols without history are absent from the map.
   */
  dailyCloses(symbols: readonly string[], sessions: number, asOf: Date): Promise<Map<string, number[]>>;
}
