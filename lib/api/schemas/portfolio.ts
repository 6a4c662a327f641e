import * as z from '../zod';
import { described } from '../zod';
import { Dollars, Price, queryInteger } from './common';

const PositionDto = described(
  z.object({
    symbol: z.string(),
    quantity: described(z.number(), { description: 'Shares held; negative for a short position' }),
    side: z.enum(['long', 'short']),
    avg_entry_price: described(Price, { description: 'Average cost per share, dollars' }),
    cost_basis: Dollars,
    market_price: described(z.nullable(Price), {
      description: 'Mid price used for valuation; null if unpriced',
    }),
    market_value: Dollars,
    unrealized_pl: Dollars,
    unrealized_plpc: described(z.number(), { description: 'Unrealized P&L as a fraction of cost basis' }),
    realized_pl: Dollars,
  }),
  { id: 'Position' },
);

export const PortfolioResponse = described(
  z.object({
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
  }),
  { id: 'Portfolio' },
);

export const LedgerQuery = z.strictObject({
  after: z.optional(queryInteger(0, Number.MAX_SAFE_INTEGER)),
  limit: z.optional(queryInteger(1, 500)),
});

export const LedgerResponse = described(
  z.object({
    entries: z.array(
      z.object({
        sequence: z.int(),
        kind: z.enum([
          'deposit',
          'withdrawal',
          'trade',
          'commission',
          'adjustment',
          'expiry',
          'exercise',
          'assignment',
        ]),
        amount: Dollars,
        balance_after: Dollars,
        at: z.string(),
        reference: z.optional(z.string()),
        note: z.optional(z.string()),
      }),
    ),
    next_after: described(z.nullable(z.int()), { description: 'Pass as `after` for the next page' }),
  }),
  { id: 'Ledger' },
);
