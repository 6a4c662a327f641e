import { EQUITY_SYMBOL_PATTERN } from '../../core/market/symbol';
import * as z from '../zod';
import { described } from '../zod';
import { between } from './common';

const count = (min: number, max: number, description: string) =>
  described(
    z.int().check(z.minimum(min, `must be at least ${min}`), z.maximum(max, `must be at most ${max}`)),
    {
      description,
    },
  );
/** Dollars: at least one, at most `max`, exact to the cent (a limit of 1e-300 dollars is no limit anyone means). */
const amount = (max: number, description: string) =>
  described(
    z.number().check(
      z.minimum(1, 'must be at least 1 (dollars)'),
      z.maximum(max, `must be at most ${max}`),
      z.refine((value: number) => Math.round(value * 100) / 100 === value, 'must be in whole cents'),
    ),
    { description, format: 'dollars' },
  );
const fraction = (min: number, max: number, description: string) =>
  described(between(min, max), { description });
/** Zero (the rule is off) or a value between bounds: 1e-300 is neither, and underflows DynamoDB. */
const offOrFraction = (min: number, max: number, description: string) =>
  described(
    z.union([
      z.literal(0),
      z
        .number()
        .check(z.minimum(min, `must be 0 or at least ${min}`), z.maximum(max, `must be at most ${max}`)),
    ]),
    { description },
  );
const Symbol = z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like AAPL or BRK.B'));

/** Every limit, snake_case, with its unit and bounds. The same fields come back from GET. */
const LIMIT_FIELDS = {
  max_order_quantity: count(1, 10_000_000, 'Largest single order, shares'),
  max_order_notional: amount(1_000_000_000, 'Largest single order, dollars'),
  price_collar_fraction: fraction(
    0.001,
    1,
    'A limit further than this fraction through the last price is refused',
  ),
  max_orders_per_window: count(1, 1_000, 'Orders allowed per rolling window'),
  order_window_seconds: count(1, 3_600, 'The rolling window, seconds'),
  duplicate_window_seconds: offOrFraction(
    0.001,
    60,
    'An identical order within this many seconds is a duplicate (0 = off)',
  ),
  max_position_quantity: count(0, 100_000_000, 'Largest position per symbol, shares'),
  max_concentration: fraction(0.001, 10, 'Largest position value per symbol as a fraction of equity'),
  min_adjust_fraction: offOrFraction(
    0.0001,
    1,
    'Cut an order down only if at least this fraction of it is left (0 = any)',
  ),
  max_var_fraction: fraction(0.0001, 10, 'Largest 1-day 95% VaR as a fraction of equity'),
  daily_loss_limit: amount(1_000_000_000, 'Largest loss since the session open, dollars'),
  max_consecutive_losses: count(1, 100, 'Losing trades in a row that trip the circuit breaker'),
  consecutive_loss_action: z.enum(['pause_strategy', 'reduce_account']),
  restricted_symbols: described(z.array(Symbol).check(z.maxLength(500)), {
    description: 'Symbols that may only be reduced',
  }),
  options_level: described(z.enum(['none', 'long', 'spreads', 'naked']), {
    description:
      'Options the account may trade: none; long calls and puts; covered spreads too; cash-secured short puts too',
  }),
  max_option_contracts: count(1, 1_000_000, 'Largest option order, contracts over all legs'),
  max_option_premium_at_risk: amount(
    1_000_000_000,
    'The most one option order may lose held to expiry, dollars',
  ),
  max_option_delta_shares: count(0, 100_000_000, 'Largest delta of the options on one underlying, shares'),
  max_option_vega_per_point: amount(
    1_000_000_000,
    'Largest vega of the options on one underlying, dollars per volatility point',
  ),
};

const StrategyLimits = z.strictObject({
  max_order_quantity: z.optional(LIMIT_FIELDS.max_order_quantity),
  max_order_notional: z.optional(LIMIT_FIELDS.max_order_notional),
  max_orders_per_window: z.optional(LIMIT_FIELDS.max_orders_per_window),
  max_position_quantity: z.optional(LIMIT_FIELDS.max_position_quantity),
  max_consecutive_losses: z.optional(LIMIT_FIELDS.max_consecutive_losses),
});

const SymbolLimits = z.strictObject({
  max_order_quantity: z.optional(LIMIT_FIELDS.max_order_quantity),
  max_order_notional: z.optional(LIMIT_FIELDS.max_order_notional),
  price_collar_fraction: z.optional(LIMIT_FIELDS.price_collar_fraction),
  max_position_quantity: z.optional(LIMIT_FIELDS.max_position_quantity),
  max_concentration: z.optional(LIMIT_FIELDS.max_concentration),
});

const StrategyId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1–64 letters, digits or . _ : -'));

/**
 * PUT /api/risk/limits replaces the account's whole set. Account fields left out take the
 * platform default; `version`, when given, must be the version you read (else 409).
 */
export const PutLimitsBody = described(
  z.strictObject({
    account: z._default(
      z.strictObject(
        Object.fromEntries(
          Object.entries(LIMIT_FIELDS).map(([key, schema]) => [key, z.optional(schema)]),
        ) as {
          [K in keyof typeof LIMIT_FIELDS]: z.ZodMiniOptional<(typeof LIMIT_FIELDS)[K]>;
        },
      ),
      {},
    ),
    strategies: z._default(z.record(StrategyId, StrategyLimits), {}),
    symbols: z._default(z.record(Symbol, SymbolLimits), {}),
    version: z.optional(
      described(z.int().check(z.minimum(0)), {
        description: 'The version you read (optimistic concurrency)',
      }),
    ),
  }),
  {
    id: 'RiskLimitsUpdate',
    examples: [
      { account: { max_order_quantity: 5_000, daily_loss_limit: 2_500 } },
      { account: {}, symbols: { TSLA: { max_position_quantity: 100 } } },
    ],
  },
);

export const LimitsResponse = described(
  z.object({
    account: z.object(LIMIT_FIELDS),
    strategies: z.record(z.string(), StrategyLimits),
    symbols: z.record(z.string(), SymbolLimits),
    version: z.int(),
    updated_at: z.string(),
    updated_by: z.string(),
    is_default: z.boolean(),
  }),
  { id: 'RiskLimits' },
);
