/** A round trip: in and out of a position. Money in dollars, net of fees. */
export interface Trade {
  symbol: string;
  strategyId?: string;
  direction: 'long' | 'short';
  quantity: number;
  entryAt: string;
  exitAt: string;
  entryPrice: number;
  exitPrice: number;
  fees: number;
  /** Net P&L: (exit − entry) × quantity (reversed for shorts) − fees. */
  pnl: number;
}

export interface TradeStatistics {
  trades: number;
  wins: number;
  losses: number;
  winRate: number | null;
  /** Gross profit / gross loss (Infinity with no losing trade, null with no trade). */
  profitFactor: number | null;
  averageWin: number | null;
  averageLoss: number | null;
  /** Mean P&L per trade. */
  expectancy: number | null;
  largestWin: number | null;
  largestLoss: number | null;
  maxConsecutiveWins: number;
  maxConsecutiveLosses: number;
  averageHoldingHours: number | null;
  /** Share of the period with at least one position open (0–1), when the period is given. */
  exposure: number | null;
  netPnl: number;
  fees: number;
}

/** Statistics of closed trades, in exit order. A trade at exactly zero P&L is neither a win nor a loss. */
export function tradeStatistics(
  trades: readonly Trade[],
  period?: { from: string; to: string },
  /**
   * The trades' entry and exit times in epoch ms, from a caller that recorded the trades in exit
   * order and kept the numbers (the backtester): nothing to sort or parse.
   */
  times?: { entries: Float64Array; exits: Float64Array },
): TradeStatistics {
  const ordered = times ? trades : inExitOrder(trades);
  const count = ordered.length;
  // One pass; each trade's times are parsed once (a backtest can close tens of thousands).
  const entries = times?.entries ?? new Float64Array(count);
  const exits = times?.exits ?? new Float64Array(count);
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let largestWin = Number.NEGATIVE_INFINITY;
  let largestLoss = Number.POSITIVE_INFINITY;
  let netPnl = 0;
  let fees = 0;
  let hours = 0;
  let run = 0;
  let maxWins = 0;
  let maxLosses = 0;
  for (let n = 0; n < count; n++) {
    const trade = ordered[n]!;
    const pnl = trade.pnl;
    if (pnl > 0) {
      wins++;
      grossProfit += pnl;
      largestWin = Math.max(largestWin, pnl);
      run = run > 0 ? run + 1 : 1;
    } else if (pnl < 0) {
      losses++;
      grossLoss -= pnl;
      largestLoss = Math.min(largestLoss, pnl);
      run = run < 0 ? run - 1 : -1;
    } else {
      run = 0;
    }
    maxWins = Math.max(maxWins, run);
    maxLosses = Math.max(maxLosses, -run);
    netPnl += pnl;
    fees += trade.fees;
    if (!times) {
      entries[n] = Date.parse(trade.entryAt);
      exits[n] = Date.parse(trade.exitAt);
    }
    hours += (exits[n]! - entries[n]!) / 3_600_000;
  }
  return {
    trades: count,
    wins,
    losses,
    winRate: count ? wins / count : null,
    profitFactor: count ? (grossLoss > 0 ? grossProfit / grossLoss : Number.POSITIVE_INFINITY) : null,
    averageWin: wins ? grossProfit / wins : null,
    averageLoss: losses ? -grossLoss / losses : null,
    expectancy: count ? netPnl / count : null,
    largestWin: wins ? largestWin : null,
    largestLoss: losses ? largestLoss : null,
    maxConsecutiveWins: maxWins,
    maxConsecutiveLosses: maxLosses,
    averageHoldingHours: count ? hours / count : null,
    exposure: period ? exposure(entries, exits, period) : null,
    netPnl,
    fees,
  };
}

/** The trades by exit time; already-ordered input (a backtest's) is not copied or sorted. */
function inExitOrder(trades: readonly Trade[]): readonly Trade[] {
  for (let n = 1; n < trades.length; n++) {
    // ISO times sort as plain strings (localeCompare is far slower and not needed).
    if (trades[n]!.exitAt < trades[n - 1]!.exitAt)
      return [...trades].sort((a, b) => (a.exitAt < b.exitAt ? -1 : a.exitAt > b.exitAt ? 1 : 0));
  }
  return trades;
}

/** The share of the period covered by the union of the trades' holding intervals. */
function exposure(entries: Float64Array, exits: Float64Array, period: { from: string; to: string }): number {
  const start = Date.parse(period.from);
  const end = Date.parse(period.to);
  if (!(end > start)) return 0;
  const intervals: [number, number][] = [];
  for (let n = 0; n < entries.length; n++) {
    const a = Math.max(start, entries[n]!);
    const b = Math.min(end, exits[n]!);
    if (b > a) intervals.push([a, b]);
  }
  intervals.sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let cursor = start;
  for (const [a, b] of intervals) {
    const from = Math.max(a, cursor);
    if (b > from) covered += b - from;
    cursor = Math.max(cursor, b);
  }
  return covered / (end - start);
}

/** The same statistics per key (strategy, symbol…). */
export function tradeBreakdown(
  trades: readonly Trade[],
  key: (trade: Trade) => string,
  period?: { from: string; to: string },
): Record<string, TradeStatistics> {
  const groups = new Map<string, Trade[]>();
  for (const trade of trades) {
    const group = key(trade);
    const list = groups.get(group);
    if (list) list.push(trade);
    else groups.set(group, [trade]);
  }
  return Object.fromEntries(
    [...groups].sort().map(([group, list]) => [group, tradeStatistics(list, period)]),
  );
}
