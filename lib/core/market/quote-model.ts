/**
 * How a market maker quotes around the last trade: a spread of `bps` of the price, never less
 * than `minimumCents`, on a one-cent tick. The simulated market quotes this way, and a backtest
 * that fills like the paper venue rebuilds the same quote from a bar's price — one rule, so the
 * two meet the same bid and ask.
 */
export interface SpreadModel {
  bps: number;
  minimumCents: number;
}

/** The simulated market's spread: 2 bps, at least a cent. */
export const SIMULATED_SPREAD: SpreadModel = { bps: 2, minimumCents: 1 };

/**
 * Bid and ask (dollars) around a last price, in whole cents: the bid is the last less half the
 * spread (rounded down to the cent), the ask a spread above the bid. Writes into `out`, so a
 * backtest asks once per fill without allocating.
 */
export function quoteAround(
  last: number,
  spread: SpreadModel,
  out: { bid: number; ask: number } = { bid: 0, ask: 0 },
): { bid: number; ask: number } {
  const lastCents = Math.round(last * 100);
  const spreadCents = Math.max(spread.minimumCents, Math.round((lastCents * spread.bps) / 10_000));
  const bidCents = lastCents - Math.floor(spreadCents / 2);
  out.bid = bidCents / 100;
  out.ask = (bidCents + spreadCents) / 100;
  return out;
}
