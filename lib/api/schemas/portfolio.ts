import { z } from 'zod';
import { Dollars, queryInteger } from './common';

export const PositionDto = z
  .object({
    symbol: z.string(),
    quantity: z.number().meta({ description: 'Shares held; negative for a short position' }),
    side: z.enum(['long', 'short']),
    avg_entry_price: z.number().meta({ description: 'Average cost per share, dollars' }),
    cost_basis: Dollars,
    market_price: z
      .number()
      .nullable()
      .meta({ description: 'Mid price used for valuation; null if unpriced' }),
    market_value: Dollars,
    unrealized_pl: Dollars,
    unrealized_plpc: z.number().meta({ description: 'Unrealized P&L as a fraction of cost basis' }),
    realized_pl: Dollars,
  })
  .meta({ id: 'Position' });

export const PortfolioResponse = z
  .object({
    account_id: z.string(),
    mode: z.enum(['paper', 'live']),
    currency: z.literal('USD'),
    cash: Dollars,
    buying_power: Dollars,
    equity: Dollars,
    long_market_value: Dollars,
    short_market_value: Dollars,
    unrealized_pl: Dollars,
    realized_pl: Dollars,
    positions: z.array(PositionDto),
    unpriced_symbols: z.array(z.string()),
    as_of: z.string(),
  })
  .meta({ id: 'Portfolio' });

export const LedgerQuery = z.strictObject({
  after: queryInteger(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInteger(1, 500).optional(),
});

export const LedgerResponse = z
  .object({
    entries: z.array(
      z.object({
        sequence: z.number().int(),
        kind: z.enum(['deposit', 'withdrawal', 'trade', 'commission', 'adjustment']),
        amount: Dollars,
        balance_after: Dollars,
        at: z.string(),
        reference: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    next_after: z.number().int().nullable().meta({ description: 'Pass as `after` for the next page' }),
  })
  .meta({ id: 'Ledger' });
