import type { Trade, TradeStatistics } from '../../core/analytics/trades';
import { toCents, toDollars, toPriceTick } from '../../core/money';

/*
 * The backtest book keeps cents, but averages, P&L per trade and the equity curve are computed
 * in dollars; what a backtest says in dollars (the API's answers, the CLI's JSON) is exact to the
 * cent and its prices to the sub-penny tick. Rounded once, where a result becomes an answer:
 * 1477.5200000000002 of fees is $1,477.52.
 */

/** Dollars to the cent, rounded as the ledger rounds (toCents); a non-finite value is left for the caller to report. */
export function toCent(dollars: number): number {
  return Number.isFinite(dollars) ? toDollars(toCents(dollars)) : dollars;
}

/** Each symbol's statistics in dollars. */
export function bySymbolInDollars(
  bySymbol: Record<string, TradeStatistics>,
): Record<string, TradeStatistics> {
  return Object.fromEntries(
    Object.entries(bySymbol).map(([symbol, stats]) => [symbol, statisticsInDollars(stats)]),
  );
}

const DOLLAR_STATISTICS = [
  'averageWin',
  'averageLoss',
  'expectancy',
  'largestWin',
  'largestLoss',
  'netPnl',
  'fees',
] as const;

export function statisticsInDollars(statistics: TradeStatistics): TradeStatistics {
  const rounded: TradeStatistics = { ...statistics };
  for (const field of DOLLAR_STATISTICS) {
    const value = statistics[field];
    if (typeof value === 'number') (rounded as unknown as Record<string, number>)[field] = toCent(value);
  }
  return rounded;
}

export function tradeInDollars(trade: Trade): Trade {
  return {
    ...trade,
    entryPrice: toPriceTick(trade.entryPrice),
    exitPrice: toPriceTick(trade.exitPrice),
    fees: toCent(trade.fees),
    pnl: toCent(trade.pnl),
  };
}
