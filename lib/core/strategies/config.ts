/**
 * A saved strategy configuration. Every change makes a new immutable version (who, when, why);
 * the latest version is what runs. Parameters are the validated ones, defaults filled in.
 */
export interface StrategyConfig {
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
  lastOrderId?: string;
  lastOrderPnlCents: number;
}

export function winRate(performance: StrategyPerformance): number | null {
  return performance.trades === 0 ? null : performance.wins / performance.trades;
}

/** Counts a closing fill into a strategy's record; fills of one order are one trade, judged on their sum. */
export function recordStrategyTrade(
  performance: StrategyPerformance | undefined,
  trade: { orderId: string; realizedPnlCents: number },
): StrategyPerformance {
  const current = performance ?? { realizedPnlCents: 0, trades: 0, wins: 0, lastOrderPnlCents: 0 };
  const sameTrade = current.lastOrderId === trade.orderId;
  const before = sameTrade ? current.lastOrderPnlCents : 0;
  const after = before + trade.realizedPnlCents;
  return {
    realizedPnlCents: current.realizedPnlCents + trade.realizedPnlCents,
    trades: current.trades + (sameTrade ? 0 : 1),
    wins: current.wins - (sameTrade && before > 0 ? 1 : 0) + (after > 0 ? 1 : 0),
    lastOrderId: trade.orderId,
    lastOrderPnlCents: after,
  };
}
