import {
  computePerformance,
  type Performance,
  type Trade,
  tradeStatistics,
  type TradeStatistics,
} from '../../core/analytics';
import { DomainError } from '../../core/errors';
import { newYorkDate } from '../../core/market/nyse-calendar';
import { type StrategyPerformance, winRate } from '../../core/strategies/config';
import type { AccountRepository } from '../ports/account-repository';
import type { Clock } from '../ports/clock';
import type { EquitySnapshotStore } from '../ports/equity-snapshots';
import type { PriceHistory } from '../ports/price-history';

/** The most ledger entries one performance read looks at (a bounded read, whatever the account's age). */
const LEDGER_READ_LIMIT = 10_000;
const DAY_MS = 86_400_000;

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
   * Closing fills in the period (the ledger's trades): entry times are not kept, so no holding
   * time. `complete` is false when the period held more than LEDGER_READ_LIMIT ledger entries
   * and only the newest were read (ask for a shorter period).
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
  // Bounded by the period, not the account's age: back from the newest entry to the period's
  // start (a day early: the ledger keeps instants, the period New York dates), at most LEDGER_READ_LIMIT.
  const since =
    query.from === undefined ? undefined : new Date(Date.parse(query.from) - DAY_MS).toISOString();
  const ledger = await deps.accounts.recentLedger(accountId, {
    ...(since === undefined ? {} : { since }),
    limit: LEDGER_READ_LIMIT,
  });
  const trades: Trade[] = [...ledger.entries]
    .reverse()
    .filter(
      (entry) =>
        entry.kind === 'trade' && entry.trade?.side === 'sell' && inPeriod(newYorkDate(new Date(entry.at))),
    )
    .map((entry) => ({
      symbol: entry.trade!.symbol,
      direction: 'long',
      quantity: entry.trade!.quantity,
      entryAt: entry.at,
      exitAt: entry.at,
      entryPrice: entry.trade!.price,
      exitPrice: entry.trade!.price,
      fees: 0,
      pnl: entry.trade!.realizedPnlCents / 100,
    }));
  const account = await deps.accounts.get(accountId);
  const records = Object.entries(account?.risk?.performance ?? {}) as [string, StrategyPerformance][];
  return {
    days,
    performance: returns.length >= 2 ? computePerformance(returns, benchmark ? { benchmark } : {}) : null,
    trades: { ...tradeStatistics(trades), averageHoldingHours: null, complete: ledger.complete },
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
