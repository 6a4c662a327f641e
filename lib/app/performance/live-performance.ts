import {
  computePerformance,
  type Performance,
  tradeStatistics,
  type TradeStatistics,
} from '../../core/analytics';
import { RoundTrips } from '../../core/analytics/round-trips';
import type { LedgerEntry } from '../../core/portfolio/account';
import { prorateCents } from '../../core/money';
import { DomainError } from '../../core/errors';
import { newYorkDate } from '../../core/market/nyse-calendar';
import { type StrategyPerformance, winRate } from '../../core/strategies/config';
import type { AccountRepository } from '../ports/account-repository';
import type { Clock } from '../ports/clock';
import type { EquitySnapshotStore } from '../ports/equity-snapshots';
import type { PriceHistory } from '../ports/price-history';

/** The most ledger entries one performance read looks at (a bounded read, whatever the account's age). */
export const LEDGER_READ_LIMIT = 10_000;

export interface PerformanceDependencies {
  accounts: AccountRepository;
  equitySnapshots: EquitySnapshotStore;
  history: PriceHistory;
  clock: Clock;
}

export interface PerformanceQuery {
  from?: string;
  to?: string;
  strategyId?: string;
  benchmark?: string;
}

export interface LivePerformance {
  days: { date: string; equityCents: number }[];
  /** Null until there are two days of equity to take a return between. */
  performance: Performance | null;
  /**
   * Round trips that closed in the period, built from the ledger's fills by the backtester's own
   * builder (RoundTrips): a TWAP's slices are one trade, fees are every fill's commission, holding
   * time runs from the first fill to the last. `complete` is false when more than
   * LEDGER_READ_LIMIT ledger entries were needed and only the newest were read (a round trip
   * opened before them is counted from what was read).
   */
  trades: TradeStatistics & { complete: boolean };
  strategies: {
    strategyId: string;
    realizedPnlCents: number;
    trades: number;
    wins: number;
    winRate: number | null;
  }[];
}

/**
 * The live account's performance: daily returns from the equity the risk monitor records at
 * the end of each day, optionally against a benchmark's daily closes; trade statistics from the
 * ledger's closing fills; and each strategy's realised record.
 */
export async function livePerformance(
  deps: PerformanceDependencies,
  accountId: string,
  query: PerformanceQuery,
): Promise<LivePerformance> {
  const inPeriod = (date: string) =>
    (query.from === undefined || date >= query.from) && (query.to === undefined || date <= query.to);
  const days = (await deps.equitySnapshots.list(accountId)).filter((day) => inPeriod(day.date));
  const returns = days.slice(1).map((day, i) => day.equityCents / days[i]!.equityCents - 1);
  let benchmark: number[] | undefined;
  if (query.benchmark) {
    const bars = (await deps.history.dailyBars([query.benchmark], 400, deps.clock.now())).get(
      query.benchmark,
    );
    // A benchmark the market has no history for is a mistake to name, not one to ignore.
    if (!bars || bars.length === 0)
      throw new DomainError('UNKNOWN_BENCHMARK', `No daily history for ${query.benchmark}`, 'invalid', [
        { field: 'benchmark', in: 'query', problem: `${query.benchmark} has no daily history` },
      ]);
    const closeOn = new Map(bars.map((bar) => [newYorkDate(new Date(bar.time)), bar.close]));
    benchmark = days.slice(1).map((day, i) => {
      const today = closeOn.get(day.date);
      const before = closeOn.get(days[i]!.date);
      return today !== undefined && before !== undefined ? today / before - 1 : Number.NaN;
    });
  }
  // The newest LEDGER_READ_LIMIT entries: round trips closing in the period may have opened
  // before it, so the read does not stop at the period's start.
  const ledger = await deps.accounts.recentLedger(accountId, { limit: LEDGER_READ_LIMIT });
  const trips = roundTripsOf([...ledger.entries].reverse());
  const closed = trips.trades.filter((trade) => inPeriod(newYorkDate(new Date(trade.exitAt))));
  const account = await deps.accounts.get(accountId);
  const records = Object.entries(account?.risk?.performance ?? {}) as [string, StrategyPerformance][];
  return {
    days,
    performance: returns.length >= 2 ? computePerformance(returns, benchmark ? { benchmark } : {}) : null,
    trades: { ...tradeStatistics(closed), complete: ledger.complete },
    strategies: records
      .filter(([id]) => query.strategyId === undefined || id === query.strategyId)
      .map(([strategyId, record]) => ({
        strategyId,
        realizedPnlCents: record.realizedPnlCents,
        trades: record.trades,
        wins: record.wins,
        winRate: winRate(record),
      })),
  };
}

/**
 * The account's fills, oldest first, replayed into round trips: each trade entry with the
 * commission booked against the same fill. A sale of shares bought before the entries read is
 * counted for the shares the replay holds.
 */
export function commissionsByFill(entries: readonly LedgerEntry[]): Map<string, number> {
  const commissions = new Map<string, number>();
  for (const entry of entries)
    if (entry.kind === 'commission' && entry.reference) commissions.set(entry.reference, -entry.amountCents);
  return commissions;
}

function roundTripsOf(entries: readonly LedgerEntry[]): RoundTrips {
  const commissions = commissionsByFill(entries);
  const fills = entries.filter((entry) => entry.trade !== undefined); // trades, and options ended at expiry
  const symbols = [...new Set(fills.map((entry) => entry.trade!.symbol))];
  const index = new Map(symbols.map((symbol, k) => [symbol, k]));
  const trips = new RoundTrips(symbols);
  for (const entry of fills) {
    const trade = entry.trade!;
    const k = index.get(trade.symbol)!;
    const notional = Math.abs(entry.amountCents);
    const commission = commissions.get(entry.reference ?? '') ?? 0;
    const held = trips.positions[k]!.quantity;
    const quantity = trade.side === 'sell' ? Math.min(trade.quantity, held) : trade.quantity;
    if (quantity <= 0) continue;
    trips.apply(
      k,
      trade.side,
      quantity,
      prorateCents(notional, quantity, trade.quantity),
      prorateCents(commission, quantity, trade.quantity),
      Date.parse(entry.at),
    );
  }
  return trips;
}
