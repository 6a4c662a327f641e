import { EQUITY_SYMBOL_PATTERN } from '../../core/market/symbol';
import * as z from '../zod';
import { described } from '../zod';
import { CalendarDate, Dollars, fromNotAfterTo } from './common';

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
