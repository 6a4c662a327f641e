import { OCC_SYMBOL_PATTERN, TRADABLE_SYMBOL_PATTERN } from '../../core/market/symbol';
import * as z from '../zod';
import { described } from '../zod';
import { between, Dollars, Price, fromNotAfterTo, IsoInstant, queryInteger } from './common';

const IDENTIFIER = /^[A-Za-z0-9._:-]+$/;
const PositionIntent = described(z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']), {
  description:
    'Whether the leg opens or closes a position (inferred from what the account holds when absent)',
});

function isOptionOrder(body: { legs?: unknown; symbol?: string | undefined }): boolean {
  return body.legs !== undefined || (body.symbol !== undefined && OCC_SYMBOL_PATTERN.test(body.symbol));
}

const LIMIT_ORDER = {
  properties: { order_type: { enum: ['limit', 'stop_limit'] } },
  required: ['order_type'],
};
const dollars = (description: string) =>
  described(
    between(0.0001, 1_000_000, 'dollars').check(
      z.refine(
        (value: number) => Math.round(value * 10_000) / 10_000 === value,
        'must have at most 4 decimals (the sub-penny tick)',
      ),
    ),
    { description, format: 'price' },
  );
const STOP_TYPES = new Set(['stop', 'stop_limit', 'trailing_stop']);

export const PlaceOrderBody = described(
  z
    .strictObject({
      symbol: z.optional(
        described(
          z
            .string()
            .check(
              z.regex(
                TRADABLE_SYMBOL_PATTERN,
                'must be a ticker like AAPL or BRK.B, or an OCC option symbol like SPY261218C00600000',
              ),
            ),
          {
            description:
              'Ticker (AAPL) or OCC option symbol (SPY261218C00600000: root, expiry YYMMDD, C or P, strike × 1000 in 8 digits). Not with `legs`',
          },
        ),
      ),
      side: z.optional(z.enum(['buy', 'sell'])),
      quantity: described(z.int().check(z.positive('must be more than 0'), z.maximum(1_000_000_000)), {
        description:
          'Shares; contracts of an option; units of a multi-leg order (each leg trades ratio × this)',
      }),
      order_class: z.optional(
        described(z.enum(['simple', 'mleg', 'bracket', 'oto', 'oco']), {
          description:
            '`mleg`: a multi-leg option order (with `legs`); `bracket`: an entry with take_profit and stop_loss exits, working once it fills (one cancels the other); `oto`: an entry with one exit; `oco`: the two exits for shares held; `simple` otherwise',
        }),
      ),
      legs: z.optional(
        described(
          z
            .array(
              z.strictObject({
                symbol: described(
                  z
                    .string()
                    .check(
                      z.regex(OCC_SYMBOL_PATTERN, 'must be an OCC option symbol like SPY261218C00600000'),
                    ),
                  { description: 'OCC option symbol' },
                ),
                side: z.enum(['buy', 'sell']),
                ratio: z._default(z.int().check(z.minimum(1), z.maximum(100)), 1),
                position_intent: z.optional(PositionIntent),
              }),
            )
            .check(z.minLength(2, 'must have at least 2 legs'), z.maxLength(4, 'must have at most 4 legs')),
          {
            description:
              'A multi-leg option order (all legs fill or none, on one underlying): `price` is then the net per share, a debit positive and a credit negative',
          },
        ),
      ),
      position_intent: z.optional(PositionIntent),
      order_type: z._default(z.enum(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']), 'market'),
      stop_price: z.optional(
        dollars('Stop and stop-limit orders: the trigger (a sell stop below the market, a buy stop above)'),
      ),
      trail_price: z.optional(
        dollars('Trailing stops: the trail in dollars below the best price (above, for a buy)'),
      ),
      trail_percent: z.optional(
        described(between(0.01, 50, 'percent'), {
          description: 'Trailing stops: the trail as a percent of the best price',
        }),
      ),
      take_profit: z.optional(z.strictObject({ limit_price: dollars('The take-profit exit: a limit') })),
      stop_loss: z.optional(
        z.strictObject({
          stop_price: dollars('The stop-loss exit: its trigger'),
          limit_price: z.optional(
            dollars('A stop-limit exit: its limit (absent: a market order once triggered)'),
          ),
        }),
      ),
      price: z.optional(
        described(
          between(-1_000_000, 1_000_000, 'dollars').check(
            z.refine(
              (value: number) => Math.round(value * 10_000) / 10_000 === value,
              'must have at most 4 decimals (the sub-penny tick)',
            ),
          ),
          {
            description:
              'Limit price in dollars (limit orders), at least the sub-penny tick, at most 4 decimals; for a multi-leg order the net per share, negative for a credit',
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
      z.refine((body) => body.legs !== undefined || body.symbol !== undefined, {
        message: 'is required (or give `legs`)',
        path: ['symbol'],
      }),
      z.refine((body) => body.legs !== undefined || body.side !== undefined, {
        message: 'is required (or give `legs`)',
        path: ['side'],
      }),
      z.refine((body) => body.legs === undefined || (body.symbol === undefined && body.side === undefined), {
        message: 'is not used with `legs`: each leg names its contract and side',
        path: ['legs'],
      }),
      z.refine(
        (body) =>
          (body.order_class === 'mleg') === (body.legs !== undefined) || body.order_class === undefined,
        {
          message: 'must be "mleg" exactly when the order has `legs`',
          path: ['order_class'],
        },
      ),
      z.refine((body) => body.price === undefined || body.legs !== undefined || body.price >= 0.0001, {
        message: 'must be at least 0.0001 (dollars); only a multi-leg order’s net may be a credit',
        path: ['price'],
      }),
      z.refine(
        (body) => !isOptionOrder(body) || body.execution === 'auto' || body.execution === 'immediate',
        {
          message: 'must be "auto" or "immediate" for an option order',
          path: ['execution'],
        },
      ),
      z.refine((body) => !isOptionOrder(body) || body.time_in_force === 'day', {
        message: 'must be "day" for an option order (the only one options take)',
        path: ['time_in_force'],
      }),
      z.refine(
        (body) =>
          body.position_intent === undefined ||
          (body.symbol !== undefined && OCC_SYMBOL_PATTERN.test(body.symbol)),
        {
          message: 'is only for an option contract',
          path: ['position_intent'],
        },
      ),
      z.refine((body) => !['limit', 'stop_limit'].includes(body.order_type) || body.price !== undefined, {
        message: 'is required for a limit or stop-limit order',
        path: ['price'],
      }),
      z.refine((body) => ['limit', 'stop_limit'].includes(body.order_type) || body.price === undefined, {
        message: 'is only for limit and stop-limit orders',
        path: ['price'],
      }),
      z.refine((body) => !['stop', 'stop_limit'].includes(body.order_type) || body.stop_price !== undefined, {
        message: 'is required for a stop or stop-limit order',
        path: ['stop_price'],
      }),
      z.refine((body) => ['stop', 'stop_limit'].includes(body.order_type) || body.stop_price === undefined, {
        message: 'is only for stop and stop-limit orders',
        path: ['stop_price'],
      }),
      z.refine(
        (body) =>
          body.order_type !== 'trailing_stop' ||
          (body.trail_price === undefined) !== (body.trail_percent === undefined),
        { message: 'a trailing stop needs one of trail_price or trail_percent', path: ['trail_price'] },
      ),
      z.refine(
        (body) =>
          body.order_type === 'trailing_stop' ||
          (body.trail_price === undefined && body.trail_percent === undefined),
        { message: 'is only for trailing stops', path: ['trail_price'] },
      ),
      z.refine(
        (body) =>
          !['bracket', 'oco'].includes(body.order_class ?? '') ||
          (body.take_profit !== undefined && body.stop_loss !== undefined),
        { message: 'a bracket or an oco needs take_profit and stop_loss', path: ['take_profit'] },
      ),
      z.refine(
        (body) =>
          body.order_class !== 'oto' || (body.take_profit === undefined) !== (body.stop_loss === undefined),
        { message: 'an oto needs one exit: take_profit or stop_loss', path: ['take_profit'] },
      ),
      z.refine(
        (body) =>
          ['bracket', 'oto', 'oco'].includes(body.order_class ?? '') ||
          (body.take_profit === undefined && body.stop_loss === undefined),
        { message: 'is only for order_class bracket, oto or oco', path: ['take_profit'] },
      ),
      z.refine(
        (body) =>
          !isOptionOrder(body) ||
          ((body.order_class ?? 'simple') === (body.legs ? 'mleg' : 'simple') &&
            ['market', 'limit'].includes(body.order_type)),
        {
          message: 'an option order is a market or limit order, one contract or `mleg`',
          path: ['order_type'],
        },
      ),
      z.refine((body) => body.order_class !== 'oco' || !STOP_TYPES.has(body.order_type), {
        message: 'an oco is its two exits: its order_type is limit (the take-profit) or market',
        path: ['order_type'],
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
        if: { required: ['legs'] },
        then: { not: { anyOf: [{ required: ['symbol'] }, { required: ['side'] }] } },
        else: { required: ['symbol', 'side'], properties: { price: { minimum: 0.0001 } } },
      },
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
      { symbol: 'SPY261218C00600000', side: 'buy', quantity: 2, order_type: 'limit', price: 4.1 },
      {
        order_class: 'mleg',
        quantity: 1,
        order_type: 'limit',
        price: -1.2,
        legs: [
          { symbol: 'SPY261218P00580000', side: 'buy', position_intent: 'buy_to_open' },
          { symbol: 'SPY261218P00590000', side: 'sell', position_intent: 'sell_to_open' },
        ],
      },
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
    symbol: z.optional(
      z
        .string()
        .check(z.regex(TRADABLE_SYMBOL_PATTERN, 'must be a ticker like AAPL, or an OCC option symbol')),
    ),
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
  price: described(Price, { description: 'Per share; an option order’s net per share (a credit negative)' }),
  commission: Dollars,
  at: z.string(),
  legs: described(
    z.nullable(
      z.array(
        z.object({ symbol: z.string(), side: z.enum(['buy', 'sell']), quantity: z.number(), price: Price }),
      ),
    ),
    {
      description:
        'Option orders: what each leg traded in this fill (contracts at a per-share price); null otherwise',
    },
  ),
});
const OrderLegDto = z.object({
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  ratio: z.int(),
  position_intent: z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']),
  filled_quantity: described(z.number(), { description: 'Contracts of this leg filled' }),
  filled_avg_price: z.nullable(Price),
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
  order_type: z.enum(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']),
  stop_price: described(z.nullable(Price), {
    description: 'Stop and stop-limit orders: the trigger; a trailing stop: where its stop stands now',
  }),
  trail_price: z.nullable(Price),
  trail_percent: z.nullable(z.number()),
  hwm: described(z.nullable(Price), {
    description: 'A trailing stop’s mark: the best price since it was placed (highest for a sell)',
  }),
  triggered_at: z.nullable(z.string()),
  take_profit: z.nullable(z.object({ limit_price: Price })),
  stop_loss: z.nullable(z.object({ stop_price: Price, limit_price: z.nullable(Price) })),
  exit_order_id: described(z.nullable(z.string()), {
    description: 'A bracket or oto entry: the order of its exits (working once the entry fills)',
  }),
  entry_order_id: described(z.nullable(z.string()), { description: 'An exit: the entry it protects' }),
  exit_leg: described(z.nullable(z.enum(['take_profit', 'stop_loss'])), {
    description: 'An oco order: the exit that fired (the other was canceled with it)',
  }),
  limit_price: described(z.nullable(Price), {
    description: 'Per share; a multi-leg order’s net (a debit positive, a credit negative)',
  }),
  order_class: z.enum(['simple', 'mleg', 'bracket', 'oto', 'oco']),
  asset_class: z.enum(['us_equity', 'us_option']),
  legs: described(z.nullable(z.array(OrderLegDto)), {
    description: 'A multi-leg order’s legs with what each has filled; null for a single instrument',
  }),
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
