/**
 * A saved strategy configuration. Every change makes a new immutable version (who, when, why);
 * the latest version is what runs. Parameters are the validated ones, defaults filled in.
 */
export interface StrategyConfig {
  /** The account that owns it: configurations are never shared between accounts. */
  accountId: string;
  configId: string;
  version: number;
  type: string;
  name: string;
  parameters: Record<string, unknown>;
  /** The symbols it trades (equities) or the underlyings (options). */
  symbols: string[];
  archived: boolean;
  note: string;
  createdAt: string;
  createdBy: string;
  templateId?: string;
}

/** How a strategy configuration has done: fed by the fills of its orders (strategy_id = config id). */
export interface StrategyPerformance {
  realizedPnlCents: number;
  trades: number;
  wins: number;
  /** The latest closing orders and their P&L so far: a later fill of one re-judges that trade. */
  recent?: { orderId: string; pnlCents: number }[];
  /** Kept from the single-order record this replaced (read, never written). */
  lastOrderId?: string;
  lastOrderPnlCents?: number;
}

/** Orders remembered per strategy: more than can close at once (TWAP slices of several orders interleave). */
const RECENT_ORDERS = 50;

export function winRate(performance: StrategyPerformance): number | null {
  return performance.trades === 0 ? null : performance.wins / performance.trades;
}

/**
 * Counts a closing fill into a strategy's record. Fills of one order are one trade, judged on
 * their sum — also when slices of two orders arrive interleaved.
 */
export function recordStrategyTrade(
  performance: StrategyPerformance | undefined,
  trade: { orderId: string; realizedPnlCents: number },
): StrategyPerformance {
  const current = performance ?? { realizedPnlCents: 0, trades: 0, wins: 0 };
  const recent =
    current.recent ??
    (current.lastOrderId ? [{ orderId: current.lastOrderId, pnlCents: current.lastOrderPnlCents ?? 0 }] : []);
  const earlier = recent.find((entry) => entry.orderId === trade.orderId);
  const before = earlier?.pnlCents ?? 0;
  const after = before + trade.realizedPnlCents;
  return {
    realizedPnlCents: current.realizedPnlCents + trade.realizedPnlCents,
    trades: current.trades + (earlier ? 0 : 1),
    wins: current.wins - (earlier && before > 0 ? 1 : 0) + (after > 0 ? 1 : 0),
    recent: [
      ...recent.filter((entry) => entry !== earlier),
      { orderId: trade.orderId, pnlCents: after },
    ].slice(-RECENT_ORDERS),
  };
}
