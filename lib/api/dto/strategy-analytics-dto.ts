import type { MemberRecord } from '../../core/analytics/book-comparison';
import type { StrategyAnalytics } from '../../app/performance/strategy-analytics';

const dollars = (cents: number) => Math.round(cents) / 100;

function recordDto(record: MemberRecord) {
  return {
    total_pnl: dollars(record.totalCents),
    mean_daily_pnl: dollars(record.meanCents),
    daily_pnl_deviation: dollars(record.deviationCents),
    sharpe: record.sharpe,
    max_drawdown: dollars(record.maxDrawdownCents),
    benchmark_correlation: record.benchmarkCorrelation,
    benchmark_beta_per_percent:
      record.benchmarkBetaCentsPerPercent === null ? null : dollars(record.benchmarkBetaCentsPerPercent),
  };
}

/** The strategies compared, in dollars and snake_case (GET /api/analytics/strategies). */
export function strategyAnalyticsDto(result: StrategyAnalytics) {
  const { drawdown, books } = result;
  return {
    benchmark: result.benchmark,
    from: result.dates[0] ?? '',
    to: result.dates.at(-1) ?? '',
    books,
    correlation: result.correlation,
    records: books.map((book, i) => ({ book, ...recordDto(result.records[i]!) })),
    account: recordDto(result.records[books.length]!),
    benchmark_return: result.benchmarkReturn,
    drawdown: {
      // null: no fall, or (peak) the fall ran from the window's start.
      peak: drawdown.trough < 0 || drawdown.peak < 0 ? null : result.dates[drawdown.peak]!,
      trough: drawdown.trough < 0 ? null : result.dates[drawdown.trough]!,
      amount: dollars(drawdown.drawdownCents),
      contributions: books.map((book, i) => ({ book, amount: dollars(drawdown.contributions[i]!) })),
    },
    daily_pnl: result.dates.map((date, day) => ({
      date,
      pnl: result.pnl.map((book) => dollars(book[day]!)),
    })),
    complete: result.complete,
    open_session: result.openSession,
  };
}
