import { drawdownContributions, type MemberRecord, memberRecord } from '../../core/analytics/book-comparison';
import { correlationMatrix } from '../../core/analytics/portfolio-analytics';
import { type AttributedTrade, attributeDailyPnl } from '../../core/analytics/strategy-attribution';
import { DomainError } from '../../core/errors';
import { newYorkDate, tradingSession } from '../../core/market/nyse-calendar';
import type { MarketData } from '../ports/market-data';
import { isOptionSymbol } from '../../core/options/occ-symbol';
import { commissionsByFill, LEDGER_READ_LIMIT, type PerformanceDependencies } from './live-performance';

/** How the strategies did together over a window of sessions (shares; options are in the book's greeks). */
export interface StrategyAnalytics {
  benchmark: string;
  dates: string[];
  /** The books that traded: strategy ids, then `manual` for orders placed by hand. */
  books: string[];
  /** Cents per book per session, marked to the close. */
  pnl: number[][];
  /** Correlation of the books' daily P&L (1 on the diagonal; 0 beside a book that did not move). */
  correlation: number[][];
  /** Each book's record, then the whole account's (`books.length`), comparable across sizes. */
  records: MemberRecord[];
  /** The benchmark's own return over the window. */
  benchmarkReturn: number;
  /** The account's worst fall over the window and each book's part of it. */
  drawdown: ReturnType<typeof drawdownContributions>;
  /** False when the ledger held more than one read takes: the oldest holdings are then unknown. */
  complete: boolean;
  /** True when the last date is today's session, still open, marked to the latest quotes. */
  openSession: boolean;
}

/**
 * The strategies compared over the last `sessions` sessions: each one's daily P&L (marked to the
 * close), their correlation, their records against each other and the benchmark, and what each
 * did to the account's worst drawdown (the parts add up to it).
 */
export async function strategyAnalytics(
  deps: PerformanceDependencies & { quotes: MarketData },
  accountId: string,
  query: { sessions: number; benchmark: string },
): Promise<StrategyAnalytics> {
  const now = deps.clock.now();
  const ledger = await deps.accounts.recentLedger(accountId, { limit: LEDGER_READ_LIMIT });
  const entries = [...ledger.entries].reverse();
  const commissions = commissionsByFill(entries);
  const trades: AttributedTrade[] = entries.flatMap((entry) =>
    entry.kind === 'trade' && entry.trade && !isOptionSymbol(entry.trade.symbol)
      ? [
          {
            date: newYorkDate(new Date(entry.at)),
            symbol: entry.trade.symbol,
            side: entry.trade.side,
            quantity: entry.trade.quantity,
            notionalCents: Math.abs(entry.amountCents),
            commissionCents: commissions.get(entry.reference ?? '') ?? 0,
            ...(entry.trade.strategyId ? { strategyId: entry.trade.strategyId } : {}),
          },
        ]
      : [],
  );
  const symbols = [...new Set([query.benchmark, ...trades.map((trade) => trade.symbol)])];
  const bars = await deps.history.dailyBars(symbols, query.sessions + 1, now);
  const benchmarkBars = bars.get(query.benchmark) ?? [];
  if (benchmarkBars.length < 3)
    throw new DomainError('UNKNOWN_BENCHMARK', `No daily history for ${query.benchmark}`, 'invalid', [
      { field: 'benchmark', in: 'query', problem: `${query.benchmark} has no daily history` },
    ]);
  const closes = new Map(
    [...bars].map(([symbol, list]) => [
      symbol,
      new Map(list.map((bar) => [newYorkDate(new Date(bar.time)), bar.close])),
    ]),
  );
  const allDates = benchmarkBars.map((bar) => newYorkDate(new Date(bar.time)));
  // Today's session while it trades: marked to the latest quotes, so today's trades show now.
  const today = newYorkDate(now);
  const openSession = tradingSession(today) !== null && today > allDates.at(-1)!;
  if (openSession) {
    const quotes = await deps.quotes.getQuotes(symbols);
    for (const [symbol, quote] of quotes) {
      const byDate = closes.get(symbol) ?? closes.set(symbol, new Map()).get(symbol)!;
      byDate.set(today, (quote.bid + quote.ask) / 2);
    }
    if (closes.get(query.benchmark)?.has(today)) allDates.push(today);
  }
  const window = allDates.slice(-(query.sessions + 1)); // the base close, then the sessions
  const dates = window.slice(1);
  const attributed = attributeDailyPnl(
    trades,
    dates,
    (symbol, date) => closes.get(symbol)?.get(date) ?? null,
  );
  const benchmarkReturns = dates.map(
    (date, i) => closes.get(query.benchmark)!.get(date)! / closes.get(query.benchmark)!.get(window[i]!)! - 1,
  );
  const account = dates.map((_, day) => attributed.pnl.reduce((sum, book) => sum + book[day]!, 0));
  return {
    benchmark: query.benchmark,
    dates,
    books: attributed.books,
    pnl: attributed.pnl,
    correlation: attributed.books.length > 0 ? correlationMatrix(attributed.pnl) : [],
    records: [...attributed.pnl, account].map((daily) => memberRecord(daily, benchmarkReturns)),
    benchmarkReturn: benchmarkReturns.reduce((growth, r) => growth * (1 + r), 1) - 1,
    drawdown: drawdownContributions(attributed.pnl),
    complete: ledger.complete,
    openSession: allDates.at(-1) === today && openSession,
  };
}
