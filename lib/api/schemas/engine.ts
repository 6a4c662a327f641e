import { TRADABLE_SYMBOL_PATTERN } from '../../core/market/symbol';
import * as z from '../zod';
import { described } from '../zod';
import { between, CalendarDate, Dollars, Price } from './common';
import { StrategyPerformance } from './strategies';

const ConfigId = z.string().check(z.regex(/^[a-z0-9-]{3,80}$/, 'is not a strategy configuration id'));
/** A share or a move of a price: 0.01 % at the least (a smaller one is no exit anyone means). */
const Fraction = between(0.0001, 1);

const Exits = described(
  z.strictObject({
    take_profit: z.optional(
      described(Fraction, { description: 'Close at this gain over the entry (0.05 = +5 %)' }),
    ),
    stop_loss: z.optional(
      described(Fraction, { description: 'Close at this loss from the entry (0.02 = −2 %)' }),
    ),
    max_hold_minutes: z.optional(z.int().check(z.minimum(1), z.maximum(100_000))),
  }),
  { description: 'Exits the engine watches every cycle, beside the strategy’s own signals' },
);

export const StartExecutionBody = described(
  z.strictObject({
    strategies: z
      .array(
        z.strictObject({
          config_id: ConfigId,
          allocation: z.optional(
            described(Fraction, {
              description: 'Share of equity one position may take; default an even split',
            }),
          ),
          exits: z.optional(Exits),
        }),
      )
      .check(z.minLength(1, 'must name at least one strategy'), z.maxLength(20)),
    close_on_stop: z.optional(
      described(z.boolean(), { description: 'Close the session’s positions when it stops (default true)' }),
    ),
  }),
  { id: 'StartExecution' },
);

export const StopExecutionBody = z.strictObject({
  close_positions: z.optional(
    described(z.boolean(), { description: 'Override the session’s close_on_stop for this stop' }),
  ),
  reason: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
});

export const PauseResumeBody = z.strictObject({
  config_id: z.optional(described(ConfigId, { description: 'One strategy; without it, the whole session' })),
});

export const StrategyOrdersParams = z.strictObject({ id: ConfigId });

export const PlanBody = described(
  z.strictObject({
    date: z.optional(
      described(CalendarDate, {
        description: 'The trading day (default: today until its close, then the next trading day)',
      }),
    ),
    strategies: z
      .array(
        z.strictObject({
          config_id: ConfigId,
          allocation: Fraction,
          parameters: z.optional(
            described(z.record(z.string().check(z.maxLength(64)), z.unknown()), {
              description: 'Parameter changes saved as a new configuration version before the open',
            }),
          ),
        }),
      )
      .check(z.minLength(1, 'must name at least one strategy'), z.maxLength(20)),
    close_on_stop: z.optional(z.boolean()),
  }),
  { id: 'SessionPlanRequest' },
);

export const PlanQuery = z.strictObject({
  date: z.optional(CalendarDate),
});

export const ConditionsQuery = PlanQuery;

export const PositionParams = z.strictObject({
  symbol: z
    .string()
    .check(z.regex(TRADABLE_SYMBOL_PATTERN, 'must be a ticker like AAPL or BRK.B, or an OCC option symbol')),
});

export const ClosePositionBody = z.strictObject({
  quantity: z.optional(
    described(z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(10_000_000)), {
      description: 'Shares to close (default: the whole position)',
    }),
  ),
  client_order_id: z.optional(z.string().check(z.minLength(1), z.maxLength(48))),
});

const Cycle = z.object({
  cycle_id: z.string(),
  at: z.string(),
  duration_ms: z.number(),
  strategies_run: z.int(),
  signals: z.int(),
  orders: z.int(),
  exits: z.int(),
  errors: z.array(
    z.object({ config_id: z.nullable(z.string()), symbol: z.nullable(z.string()), message: z.string() }),
  ),
});

const Session = z.object({
  session_id: z.string(),
  state: z.enum(['created', 'running', 'paused', 'stopping', 'stopped']),
  close_on_stop: z.boolean(),
  start_at: z.nullable(z.string()),
  cycles: z.int(),
  last_cycle: z.nullable(Cycle),
  errors: z.array(
    z.object({
      at: z.string(),
      config_id: z.nullable(z.string()),
      symbol: z.nullable(z.string()),
      message: z.string(),
    }),
  ),
  history: z.array(
    z.object({ at: z.string(), from: z.string(), to: z.string(), reason: z.string(), actor: z.string() }),
  ),
  stop_orders: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

export const ExecutionStatusResponse = described(
  z.object({
    session: z.nullable(Session),
    strategies: z.array(
      z.object({
        config_id: z.string(),
        version: z.int(),
        type: z.string(),
        name: z.string(),
        symbols: z.array(z.string()),
        allocation: z.number(),
        state: z.enum(['active', 'paused']),
        active_since: z.string(),
        positions: z.array(
          z.object({
            symbol: z.string(),
            quantity: z.int(),
            average_price: Price,
            opened_at: z.string(),
          }),
        ),
        open_orders: z.int(),
        performance: z.nullable(StrategyPerformance),
        signals: z.array(
          z.object({
            symbol: z.string(),
            at: z.string(),
            direction: z.string(),
            outcome: z.string(),
            order_id: z.nullable(z.string()),
            reason: z.nullable(z.string()),
          }),
        ),
      }),
    ),
    recent_cycles: z.array(Cycle),
  }),
  { id: 'ExecutionStatus' },
);

export const SessionResponse = described(Session, { id: 'TradingSession' });

export const PlanResponse = described(
  z.object({
    date: z.string(),
    strategies: z.array(
      z.object({
        config_id: z.string(),
        allocation: z.number(),
        parameters: z.nullable(z.record(z.string(), z.unknown())),
      }),
    ),
    close_on_stop: z.boolean(),
    status: z.enum(['pending', 'applied', 'failed']),
    outcome: z.nullable(z.string()),
    session_id: z.nullable(z.string()),
    updated_at: z.string(),
    updated_by: z.string(),
  }),
  { id: 'SessionPlan' },
);

export const ConditionsResponse = described(
  z.object({
    date: z.string(),
    generated_at: z.string(),
    symbols: z.array(
      z.object({
        symbol: z.string(),
        previous_close: Price,
        price: Price,
        gap: z.number(),
        realized_volatility: z.number(),
        implied_volatility: z.nullable(z.number()),
        trend: z.enum(['uptrend', 'downtrend', 'range']),
        relative_volume: z.number(),
      }),
    ),
    summary: z.record(z.string(), z.unknown()),
    recommendations: z.array(z.object({ template_id: z.string(), type: z.string(), reason: z.string() })),
  }),
  { id: 'MarketConditions' },
);

export const CanceledOrdersResponse = z.object({ canceled: z.array(z.string()) });

export const ClosePositionResponse = described(
  z.object({
    order: z.record(z.string(), z.unknown()),
    realized_pnl: z.nullable(
      described(Dollars, { description: 'Dollars the close realised; null if it had not ended yet' }),
    ),
    remaining_quantity: z.int(),
  }),
  { id: 'ClosePosition' },
);

const TICKER_LIST = /^[A-Z]{1,5}(\.[A-Z]{1,2})?(,[A-Z]{1,5}(\.[A-Z]{1,2})?){0,49}$/;

export const QuotesQuery = z.strictObject({
  symbols: z.optional(
    described(
      z.string().check(z.regex(TICKER_LIST, 'must be up to 50 tickers separated by commas, e.g. AAPL,MSFT')),
      {
        description: 'Tickers, comma-separated (default: the watchlist)',
      },
    ),
  ),
});

export const QuotesResponse = described(
  z.object({
    quotes: z.array(
      z.object({
        symbol: z.string(),
        bid: Price,
        ask: Price,
        last: Price,
        mid: Price,
        spread_bps: z.number(),
        at: z.string(),
      }),
    ),
    unpriced_symbols: z.array(z.string()),
  }),
  { id: 'Quotes' },
);
