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
