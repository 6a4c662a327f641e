import { EQUITY_SYMBOL_PATTERN } from '../../core/market/symbol';
import * as z from '../zod';
import { described } from '../zod';
import { between, Dollars, Price, fromNotAfterTo, IsoInstant, queryInteger } from './common';

const IDENTIFIER = /^[A-Za-z0-9._:-]+$/;

const LIMIT_ORDER = { properties: { order_type: { const: 'limit' } }, required: ['order_type'] };

export const PlaceOrderBody = described(
  z
    .strictObject({
      symbol: described(
        z
          .string()
          .check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like AAPL or BRK.B (capital letters)')),
        {
          description: 'Ticker, e.g. AAPL',
        },
      ),
      side: z.enum(['buy', 'sell']),
      quantity: described(z.int().check(z.positive('must be more than 0'), z.maximum(1_000_000_000)), {
        description: 'Shares, a whole number',
      }),
      order_type: z._default(z.enum(['market', 'limit']), 'market'),
      price: z.optional(
        described(
          between(0.0001, 1_000_000, 'dollars').check(
            z.refine(
              (value: number) => Math.round(value * 10_000) / 10_000 === value,
              'must have at most 4 decimals (the sub-penny tick)',
            ),
          ),
          {
            description:
              'Limit price in dollars (limit orders), at least the sub-penny tick, at most 4 decimals',
            format: 'price',
          },
        ),
      ),
      time_in_force: z._default(z.enum(['day', 'gtc', 'ioc', 'fok']), 'day'),
      execution: z._default(z.enum(['auto', 'immediate', 'twap', 'iceberg']), 'auto'),
      twap: z.optional(
        z.strictObject({
          duration_seconds: z.optional(z.int().check(z.minimum(1), z.maximum(23_400))),
          slices: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
        }),
      ),
      iceberg: z.optional(
        z.strictObject({ display_quantity: z.int().check(z.positive('must be more than 0')) }),
      ),
      max_slippage_bps: z.optional(
        described(between(0.01, 1_000, 'basis points'), {
          description: 'Worst acceptable fill versus the arrival price, basis points',
        }),
      ),
      decision_price: z.optional(
        described(between(0.0001, 1_000_000, 'dollars'), {
          description:
            'The price you decided to trade at (your signal’s price): the shortfall’s delay cost, decision to arrival, is measured from it',
        }),
      ),
      client_order_id: z.optional(
        described(
          z
            .string()
            .check(
              z.minLength(1),
              z.maxLength(48),
              z.regex(IDENTIFIER, 'may use letters, digits and . _ : - only'),
            ),
          {
            description: 'Your idempotency key: the same id and request returns the original order',
          },
        ),
      ),
      strategy_id: z.optional(
        z
          .string()
          .check(
            z.minLength(1),
            z.maxLength(64),
            z.regex(IDENTIFIER, 'may use letters, digits and . _ : - only'),
          ),
      ),
    })
    .check(
      z.refine((body) => body.order_type !== 'limit' || body.price !== undefined, {
        message: 'is required for a limit order',
        path: ['price'],
      }),
      z.refine((body) => body.order_type !== 'market' || body.price === undefined, {
        message: 'is only for limit orders',
        path: ['price'],
      }),
      z.refine((body) => body.twap === undefined || body.execution === 'twap', {
        message: 'is only for execution "twap"',
        path: ['twap'],
      }),
      z.refine((body) => body.iceberg === undefined || body.execution === 'iceberg', {
        message: 'is only for execution "iceberg"',
        path: ['iceberg'],
      }),
    ),
  {
    id: 'PlaceOrder',
    // The refinements above, as JSON Schema says them.
    allOf: [
      { if: LIMIT_ORDER, then: { required: ['price'] }, else: { not: { required: ['price'] } } },
      {
        if: { required: ['twap'] },
        then: { properties: { execution: { const: 'twap' } }, required: ['execution'] },
      },
      {
        if: { required: ['iceberg'] },
        then: { properties: { execution: { const: 'iceberg' } }, required: ['execution'] },
      },
    ],
    examples: [
      { symbol: 'AAPL', side: 'buy', quantity: 10 },
      { symbol: 'MSFT', side: 'buy', quantity: 20, order_type: 'limit', price: 1, time_in_force: 'gtc' },
      {
        symbol: 'SPY',
        side: 'buy',
        quantity: 300,
        execution: 'twap',
        twap: { duration_seconds: 600, slices: 5 },
      },
      { symbol: 'QQQ', side: 'buy', quantity: 200, execution: 'iceberg', iceberg: { display_quantity: 50 } },
    ],
  },
);

export const OrderIdParams = z.strictObject({
  id: z.string().check(z.regex(/^o-[a-z2-7]{26}(-\d{1,4})?$/, 'is not an order id')),
});

export const ListOrdersQuery = z
  .strictObject({
    status: z.optional(
      z.enum([
        'new',
        'accepted',
        'partially_filled',
        'filled',
        'canceled',
        'rejected',
        'expired',
        'pending_cancel',
      ]),
    ),
    symbol: z.optional(z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like AAPL'))),
    strategy_id: z.optional(
      z.string().check(z.maxLength(64), z.regex(IDENTIFIER, 'may use letters, digits and . _ : - only')),
    ),
    from: z.optional(IsoInstant),
    to: z.optional(IsoInstant),
    limit: z.optional(queryInteger(1, 500)),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
  })
  .check(fromNotAfterTo);

export const MetricsQuery = z
  .strictObject({
    symbol: ListOrdersQuery.shape.symbol,
    strategy_id: ListOrdersQuery.shape.strategy_id,
    from: ListOrdersQuery.shape.from,
    to: ListOrdersQuery.shape.to,
  })
  .check(fromNotAfterTo);

const StatusChangeDto = z.object({ status: z.string(), at: z.string(), reason: z.string() });
const FillDto = z.object({
  fill_id: z.string(),
  order_id: z.string(),
  quantity: z.number(),
  price: Price,
  commission: Dollars,
  at: z.string(),
});
const ShortfallDto = described(
  z.nullable(
    z.object({
      total_bps: z.number(),
      timing_bps: z.nullable(z.number()),
      spread_bps: z.nullable(z.number()),
      impact_bps: z.nullable(z.number()),
      fees_bps: z.number(),
      delay_bps: z.nullable(z.number()),
    }),
  ),
  {
    description:
      'Implementation shortfall against the arrival mid, bps of the filled value: timing (the mid moving before each fill), half spread, impact past the touch and fees add up to the total; the parts are null when the venue did not report the quotes its fills met; delay is the move from the decision price to the arrival mid (null without a decision price): the shortfall from the decision is delay + total; null before a fill',
  },
);

const ShortfallGroupDto = z.object({
  orders: z.int(),
  average_bps: z.nullable(z.number()),
  timing_bps: z.nullable(z.number()),
  spread_bps: z.nullable(z.number()),
  impact_bps: z.nullable(z.number()),
  fees_bps: z.nullable(z.number()),
  delay_bps: z.nullable(z.number()),
});

const MetricsDto = described(
  z.object({
    fill_rate: z.number(),
    filled_avg_price: z.nullable(Price),
    slippage_bps: described(z.nullable(z.number()), {
      description: 'Versus the arrival price; positive is worse for you',
    }),
    commission: Dollars,
    child_orders: z.int(),
    time_to_fill_seconds: z.nullable(z.number()),
    shortfall: ShortfallDto,
  }),
  { id: 'OrderMetrics' },
);

const OrderFields = {
  id: z.string(),
  client_order_id: z.string(),
  parent_id: z.nullable(z.string()),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  quantity: z.number(),
  order_type: z.enum(['market', 'limit']),
  limit_price: z.nullable(Price),
  time_in_force: z.string(),
  execution: z.enum(['immediate', 'twap', 'iceberg']),
  twap: z.nullable(z.object({ duration_seconds: z.number(), slices: z.number() })),
  iceberg: z.nullable(z.object({ display_quantity: z.number() })),
  max_slippage_bps: z.number(),
  arrival_price: described(Price, { description: 'Mid price when the order was accepted' }),
  decision_price: described(z.nullable(z.number()), {
    description: 'The price the order was decided at, when the request gave one',
  }),
  protection_price: described(Price, {
    description: 'No fill is worse than this (limit ∩ slippage band)',
  }),
  cost_estimates: described(
    z.array(
      z.object({
        mode: z.enum(['immediate', 'twap', 'iceberg']),
        children: z.int(),
        duration_seconds: z.number(),
        participation: described(z.nullable(z.number()), {
          description:
            "A TWAP's share of the volume expected while it runs (the schedule is chosen within the cap)",
        }),
        spread_bps: z.number(),
        impact_bps: z.number(),
        fees_bps: z.number(),
        expected_bps: z.number(),
        timing_risk_bps: z.number(),
      }),
    ),
    {
      description:
        'What each way of working it was expected to cost when placed, in bps of its notional at the arrival mid (routing by cost picks the lowest for `auto`); empty when not estimated',
    },
  ),
  strategy_id: z.nullable(z.string()),
  status: z.string(),
  filled_quantity: z.number(),
  filled_avg_price: z.nullable(Price),
  commission: Dollars,
  created_at: z.string(),
  updated_at: z.string(),
  status_history: z.array(StatusChangeDto),
  rejection: described(z.nullable(z.object({ code: z.string(), message: z.string() })), {
    description: 'Why a rejected order was refused (its replay is refused the same way); null otherwise',
  }),
  fills: z.array(FillDto),
  metrics: MetricsDto,
};

export const OrderSummaryResponse = described(z.object(OrderFields), { id: 'Order' });

export const OrderResponse = described(
  z.object({ ...OrderFields, children: z.array(OrderSummaryResponse) }),
  { id: 'OrderDetail' },
);

export const OrderListResponse = described(
  z.object({ orders: z.array(OrderSummaryResponse), next_cursor: z.nullable(z.string()) }),
  { id: 'OrderList' },
);

export const AggregateMetricsResponse = described(
  z.object({
    orders: z.int(),
    filled_orders: z.int(),
    quantity: z.number(),
    filled_quantity: z.number(),
    fill_rate: z.number(),
    filled_notional: Dollars,
    average_slippage_bps: z.nullable(z.number()),
    commission: Dollars,
    average_time_to_fill_seconds: z.nullable(z.number()),
    by_execution: z.record(
      z.string(),
      z.object({ orders: z.int(), average_slippage_bps: z.nullable(z.number()) }),
    ),
    shortfall: described(
      z.object({
        all: ShortfallGroupDto,
        by_execution: z.record(z.string(), ShortfallGroupDto),
        by_symbol: z.record(z.string(), ShortfallGroupDto),
        by_size: described(z.record(z.string(), ShortfallGroupDto), {
          description:
            "By the order's quantity against the symbol's average daily volume (<0.01%, 0.01-0.1%, 0.1-1%, 1-10%, >=10%)",
        }),
      }),
      {
        description:
          'Implementation shortfall averaged over the orders (weighted by filled value at arrival), in all and by mode, symbol and size: total, timing, spread, impact and fees in bps',
      },
    ),
  }),
  { id: 'ExecutionMetrics' },
);
