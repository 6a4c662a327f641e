import { EQUITY_SYMBOL_PATTERN } from '../../core/market/symbol';
import { REPORT_KEY_PATTERN } from '../../app/ports/report-archive';
import * as z from '../zod';
import { described } from '../zod';
import { CalendarDate, Dollars, fromNotAfterTo, queryInteger } from './common';

export const PerformanceQuery = z
  .strictObject({
    from: z.optional(CalendarDate),
    to: z.optional(CalendarDate),
    strategy_id: z.optional(
      z.string().check(z.regex(/^[a-z0-9-]{3,80}$/, 'is not a strategy configuration id')),
    ),
    benchmark: z.optional(z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like SPY'))),
  })
  .check(fromNotAfterTo);

export const PerformanceResponse = described(
  z.object({
    equity: z.array(z.object({ date: z.string(), equity: Dollars })),
    performance: z.nullable(z.record(z.string(), z.unknown())),
    trades: z.record(z.string(), z.unknown()),
    strategies: z.array(
      z.object({
        strategy_id: z.string(),
        realized_pnl: Dollars,
        trades: z.int(),
        wins: z.int(),
        win_rate: z.nullable(z.number()),
      }),
    ),
  }),
  { id: 'Performance' },
);

export const ReportQuery = z.strictObject({
  period: z._default(z.enum(['daily', 'monthly']), 'monthly'),
  date: z.optional(
    described(z.string().check(z.regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be YYYY-MM or YYYY-MM-DD')), {
      description: 'The day (daily) or month (monthly) to report; default today or this month',
    }),
  ),
  benchmark: z.optional(z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like SPY'))),
});

export const ReportResponse = described(
  z.object({
    period: z.enum(['daily', 'monthly']),
    label: z.string(),
    from: z.string(),
    to: z.string(),
    generated_at: z.string(),
    html: described(z.string(), {
      description:
        'The report as one self-contained HTML document laid out for print: open it, print it, or turn it into a PDF (`stratus report --out report.pdf`)',
    }),
  }),
  { id: 'PerformanceReport' },
);

export const ArchivedReportsResponse = described(
  z.object({
    reports: z.array(
      z.object({
        key: described(z.string(), {
          description: 'Where it is kept: the reports bucket in AWS, `.stratus/reports` locally',
        }),
        period: z.enum(['daily', 'monthly']),
        label: z.string(),
        format: z.enum(['html', 'pdf']),
        bytes: z.int(),
        stored_at: z.string(),
      }),
    ),
  }),
  { id: 'ArchivedReports' },
);

export const StrategyAnalyticsQuery = z.strictObject({
  sessions: z.optional(
    described(queryInteger(5, 500), { description: 'How many sessions back, up to today (default 60)' }),
  ),
  benchmark: z.optional(z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like SPY'))),
});

const MemberRecordSchema = z.object({
  total_pnl: Dollars,
  mean_daily_pnl: Dollars,
  daily_pnl_deviation: Dollars,
  sharpe: z.nullable(z.number()),
  max_drawdown: Dollars,
  benchmark_correlation: z.nullable(z.number()),
  benchmark_beta_per_percent: described(z.nullable(Dollars), {
    description: 'Dollars made per 1 % of the benchmark (regression slope)',
  }),
});

export const StrategyAnalyticsResponse = described(
  z.object({
    benchmark: z.string(),
    from: z.string(),
    to: z.string(),
    books: described(z.array(z.string()), {
      description: 'Strategy configuration ids that traded, then `manual` for orders placed by hand',
    }),
    correlation: described(z.array(z.array(z.number())), {
      description: "Correlation of the books' daily P&L, in the order of `books`",
    }),
    records: z.array(z.object({ book: z.string(), ...MemberRecordSchema.shape })),
    account: MemberRecordSchema,
    benchmark_return: z.number(),
    drawdown: z.object({
      peak: z.nullable(z.string()),
      trough: z.nullable(z.string()),
      amount: Dollars,
      contributions: described(z.array(z.object({ book: z.string(), amount: Dollars })), {
        description: "Each book's P&L from the peak to the trough: they add up to `amount`",
      }),
    }),
    daily_pnl: described(z.array(z.object({ date: z.string(), pnl: z.array(Dollars) })), {
      description: "Each session's P&L per book (marked to the close), in the order of `books`",
    }),
    complete: z.boolean(),
    open_session: described(z.boolean(), {
      description: "The last date is today's session, still trading: marked to the latest quotes",
    }),
  }),
  { id: 'StrategyAnalytics' },
);

export const ReportFileQuery = z.strictObject({
  key: described(z.string().check(z.regex(REPORT_KEY_PATTERN, 'is not a kept report’s key')), {
    description: 'A key from GET /api/reports',
    examples: ['paper/daily/2026-12-04.pdf'],
  }),
});

export const ReportFileResponse = described(
  z.object({
    key: z.string(),
    content_type: z.enum(['text/html', 'application/pdf']),
    bytes: z.int(),
    base64: described(z.string(), {
      description: 'The file, base64-encoded (save it as the key’s file name)',
    }),
  }),
  { id: 'ReportFile' },
);
