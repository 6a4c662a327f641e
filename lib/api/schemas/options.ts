import * as z from '../zod';
import { described } from '../zod';
import { CalendarDate, Price } from './common';

export const ChainQuery = z.strictObject({
  underlying: described(
    z.string().check(z.regex(/^[A-Z]{1,5}(\.[A-Z]{1,2})?$/, 'must be a ticker like SPY')),
    {
      description: 'The underlying, e.g. SPY',
    },
  ),
  expiration: z.optional(
    described(CalendarDate, { description: 'A listed expiration, YYYY-MM-DD (default: the nearest)' }),
  ),
});

const Contract = z.object({
  symbol: described(z.string(), { description: 'OCC symbol, e.g. SPY261218C00600000' }),
  type: z.enum(['call', 'put']),
  strike: z.number(),
  bid: Price,
  ask: Price,
  mid: Price,
  implied_volatility: z.number(),
  delta: z.number(),
  gamma: z.number(),
  theta_per_day: described(z.number(), { description: 'Dollars per share per calendar day' }),
  vega_per_point: described(z.number(), { description: 'Dollars per share per volatility point' }),
});

export const ChainResponse = described(
  z.object({
    underlying: z.string(),
    spot: Price,
    as_of: z.string(),
    expirations: z.array(z.string()),
    expiration: z.string(),
    days_to_expiry: z.number(),
    multiplier: described(z.int(), { description: 'Shares per contract' }),
    calls: z.array(Contract),
    puts: z.array(Contract),
  }),
  {
    id: 'OptionChain',
    description:
      'One expiry of the chain the paper venue quotes and fills option orders against: per-share prices, implied volatility and greeks per contract',
  },
);
