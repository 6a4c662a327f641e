import * as z from '../zod';
import { described } from '../zod';
import { Dollars, Price, queryInteger } from './common';

const GreeksDto = described(
  z.object({
    delta_shares: z.number(),
    delta_dollars: z.number(),
    gamma_shares: z.number(),
    vega_per_point: z.number(),
    theta_per_day: z.number(),
  }),
  {
    id: 'Greeks',
    description:
      'Dollar greeks of the whole position: delta as the shares of the underlying it moves like (and × spot, dollars); gamma as the change of that delta for a $1 move; vega in dollars per volatility point; theta in dollars per calendar day',
  },
);

const PositionDto = described(
  z.object({
    symbol: z.string(),
    asset_class: z.enum(['us_equity', 'us_option']),
    contract: described(
      z.nullable(
        z.object({
          underlying: z.string(),
          expiration: z.string(),
          type: z.enum(['call', 'put']),
          strike: z.number(),
          multiplier: z.int(),
        }),
      ),
      { description: 'An option position’s contract; null for shares' },
    ),
    quantity: described(z.number(), {
      description: 'Shares held, or option contracts; negative for a short position',
    }),
    side: z.enum(['long', 'short']),
    avg_entry_price: described(Price, {
      description: 'Average cost per share, dollars (an option’s premium per share)',
    }),
    cost_basis: Dollars,
    market_price: described(z.nullable(Price), {
      description: 'Mid price used for valuation; null if unpriced',
    }),
    market_value: Dollars,
    unrealized_pl: Dollars,
    unrealized_plpc: described(z.number(), { description: 'Unrealized P&L as a fraction of cost basis' }),
    realized_pl: Dollars,
    greeks: described(z.nullable(GreeksDto), { description: 'Null when the position has no price' }),
  }),
  { id: 'Position' },
);

const OptionStrategyDto = described(
  z.object({
    strategy_id: z.string(),
    underlying: z.string(),
    expiration: z.string(),
    legs: z.array(z.object({ symbol: z.string(), quantity: z.number() })),
    cost_basis: Dollars,
    market_value: Dollars,
    unrealized_pl: Dollars,
  }),
  {
    id: 'OptionStrategyPosition',
    description:
      'The option legs one strategy holds on one underlying and expiration: a spread as one position',
  },
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
    greeks: described(
      z.object({
        by_underlying: z.array(
          z.object({
            underlying: z.string(),
            ...GreeksDto.shape,
            delta_hedge: described(
              z.nullable(z.object({ side: z.enum(['buy', 'sell']), quantity: z.int() })),
              {
                description:
                  'The trade in the underlying that would bring its delta to zero (whole shares): a suggestion, never sent; null when under half a share',
              },
            ),
          }),
        ),
        delta_dollars: z.number(),
        vega_per_point: z.number(),
        theta_per_day: z.number(),
      }),
      {
        description:
          'The book’s greeks per underlying (its shares and options together) and in dollars overall',
      },
    ),
    option_strategies: z.array(OptionStrategyDto),
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
