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
): TradeStatistics {
  // ISO times sort as plain strings (localeCompare is far slower and not needed).
  const ordered = [...trades].sort((a, b) => (a.exitAt < b.exitAt ? -1 : a.exitAt > b.exitAt ? 1 : 0));
  const wins = ordered.filter((t) => t.pnl > 0);
  const losses = ordered.filter((t) => t.pnl < 0);
  const grossProfit = wins.reduce((sum, t) => sum + t.pnl, 0);
  const grossLoss = -losses.reduce((sum, t) => sum + t.pnl, 0);
  let run = 0;
  let maxWins = 0;
  let maxLosses = 0;
  for (const trade of ordered) {
    if (trade.pnl > 0) run = run > 0 ? run + 1 : 1;
    else if (trade.pnl < 0) run = run < 0 ? run - 1 : -1;
    else run = 0;
    maxWins = Math.max(maxWins, run);
    maxLosses = Math.max(maxLosses, -run);
  }
  const count = ordered.length;
  const hours = ordered.map((t) => (Date.parse(t.exitAt) - Date.parse(t.entryAt)) / 3_600_000);
  return {
    trades: count,
    wins: wins.length,
    losses: losses.length,
    winRate: count ? wins.length / count : null,
    profitFactor: count ? (grossLoss > 0 ? grossProfit / grossLoss : Number.POSITIVE_INFINITY) : null,
    averageWin: wins.length ? grossProfit / wins.length : null,
    averageLoss: losses.length ? -grossLoss / losses.length : null,
    expectancy: count ? ordered.reduce((sum, t) => sum + t.pnl, 0) / count : null,
    largestWin: wins.length ? Math.max(...wins.map((t) => t.pnl)) : null,
    largestLoss: losses.length ? Math.min(...losses.map((t) => t.pnl)) : null,
    maxConsecutiveWins: maxWins,
    maxConsecutiveLosses: maxLosses,
    averageHoldingHours: count ? hours.reduce((a, b) => a + b, 0) / count : null,
    exposure: period ? exposure(ordered, period) : null,
    netPnl: ordered.reduce((sum, t) => sum + t.pnl, 0),
    fees: ordered.reduce((sum, t) => sum + t.fees, 0),
  };
}

/** The share of the period covered by the union of the trades' holding intervals. */
function exposure(trades: readonly Trade[], period: { from: string; to: string }): number {
  const start = Date.parse(period.from);
  const end = Date.parse(period.to);
  if (!(end > start)) return 0;
  const intervals = trades
    .map((t) => [Math.max(start, Date.parse(t.entryAt)), Math.min(end, Date.parse(t.exitAt))] as const)
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
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
