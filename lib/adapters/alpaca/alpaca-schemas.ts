import * as z from 'zod/mini';

// Alpaca's responses are untrusted input: each is checked before use, prices arrive as decimal
// strings (or numbers in the data API) and are parsed once here.
const decimal = z
  .union([z.string(), z.number()])
  .check(z.refine((value) => Number.isFinite(Number(value)), 'is not a number'));
const nullableDecimal = z.nullable(z.optional(decimal));

/** One leg of a multi-leg order: an order of its own (its fills name its id). */
export const AlpacaLegOrder = z.object({
  id: z.string(),
  symbol: z.string(),
  side: z.string(),
  /** A bracket's legs: `limit` the take-profit, `stop` or `stop_limit` the stop-loss. */
  type: z.optional(z.string()),
  ratio_qty: nullableDecimal,
  filled_qty: decimal,
  status: z.string(),
});

export const AlpacaOrder = z.object({
  id: z.string(),
  client_order_id: z.string(),
  symbol: z.string(),
  side: z.string(),
  qty: nullableDecimal,
  filled_qty: decimal,
  filled_avg_price: nullableDecimal,
  status: z.string(),
  limit_price: nullableDecimal,
  created_at: z.string(),
  updated_at: z.nullable(z.optional(z.string())),
  filled_at: z.nullable(z.optional(z.string())),
  canceled_at: z.nullable(z.optional(z.string())),
  expired_at: z.nullable(z.optional(z.string())),
  failed_at: z.nullable(z.optional(z.string())),
  order_class: z.optional(z.string()),
  legs: z.nullable(z.optional(z.array(AlpacaLegOrder))),
});
export type AlpacaOrder = z.infer<typeof AlpacaOrder>;

/** One execution (`GET /v2/account/activities/FILL`): `id` is stable, so it keys exactly-once. */
export const AlpacaFillActivity = z.object({
  id: z.string(),
  activity_type: z.string(),
  transaction_time: z.string(),
  type: z.string(),
  price: decimal,
  qty: decimal,
  side: z.string(),
  symbol: z.string(),
  leaves_qty: decimal,
  cum_qty: decimal,
  order_id: z.string(),
  order_status: z.optional(z.string()),
});
export type AlpacaFillActivity = z.infer<typeof AlpacaFillActivity>;

/** `DELETE /v2/orders` answers 207 with one entry per order: its id, the HTTP status of its cancel, and a body. */
export const AlpacaCancelAllEntry = z.object({
  id: z.string(),
  status: z.number(),
  body: z.optional(z.unknown()),
});

export const AlpacaSnapshot = z.object({
  latestQuote: z.nullable(z.optional(z.object({ ap: decimal, bp: decimal, t: z.string() }))),
  latestTrade: z.nullable(z.optional(z.object({ p: decimal, t: z.string() }))),
});

export const AlpacaCalendarDay = z.object({ date: z.string(), open: z.string(), close: z.string() });
export const AlpacaClock = z.object({
  timestamp: z.string(),
  is_open: z.boolean(),
  next_open: z.string(),
  next_close: z.string(),
});

export const AlpacaPosition = z.object({ symbol: z.string(), qty: decimal, avg_entry_price: decimal });
export const AlpacaAccount = z.object({
  cash: decimal,
  buying_power: decimal,
  equity: decimal,
  trading_blocked: z.optional(z.boolean()),
});
