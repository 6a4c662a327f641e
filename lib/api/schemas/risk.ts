import * as z from '../zod';
import { described } from '../zod';
import { Dollars, queryInteger } from './common';

const Reason = z.optional(
  described(z.string().check(z.maxLength(200)), { description: 'Why; recorded in the audit log' }),
);

export const EmergencyStopBody = z.strictObject({
  reason: Reason,
  flatten: z.optional(
    described(z.boolean(), { description: 'Also close every position with a market order' }),
  ),
});

export const ResetBody = z.strictObject({ reason: Reason });

export const TradingStateResponse = described(
  z.object({
    trading_state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    reason: z.string(),
    changed_at: z.string(),
    changed_by: z.string(),
  }),
  { id: 'TradingState' },
);

export const EmergencyStopResponse = described(
  z.object({
    trading_state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    reason: z.string(),
    orders_canceled: z.array(z.string()),
    executions_stopped: z.array(z.string()),
    flattened: z.array(
      z.object({
        symbol: z.string(),
        quantity: z.number(),
        order_id: z.nullable(z.string()),
        error: z.nullable(z.string()),
      }),
    ),
    session_paused: described(z.nullable(z.string()), {
      description: 'The trading session the stop paused (resume it after the reset)',
    }),
    venue_cancels: described(
      z.object({
        results: z.array(
          z.object({ client_order_id: z.string(), accepted: z.boolean(), reason: z.nullable(z.string()) }),
        ),
        error: z.nullable(z.string()),
      }),
      {
        description:
          "The broker's mass cancel (Alpaca: DELETE /v2/orders, 207 per order) after the platform's own",
      },
    ),
  }),
  { id: 'EmergencyStop' },
);

export const AuditQuery = z.strictObject({ limit: z.optional(queryInteger(1, 500)) });

export const AuditResponse = described(
  z.object({
    records: z.array(
      z.object({
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        before: z.optional(z.unknown()),
        after: z.optional(z.unknown()),
        detail: z.optional(z.record(z.string(), z.unknown())),
      }),
    ),
  }),
  { id: 'Audit' },
);

const Level = z.enum(['info', 'warning', 'critical']);

export const AlertsQuery = z.strictObject({
  limit: z.optional(queryInteger(1, 500)),
  level: z.optional(Level),
});

const Alert = z.object({
  alert_id: z.string(),
  level: Level,
  code: described(z.string(), { description: 'Stable SCREAMING_SNAKE reason code' }),
  message: z.string(),
  at: z.string(),
  limit: z.nullable(z.string()),
  utilization: z.nullable(described(z.number(), { description: 'Fraction of the limit used (1 = 100%)' })),
});

export const AlertsResponse = described(z.object({ alerts: z.array(Alert) }), { id: 'RiskAlerts' });

const Utilization = described(z.number(), { description: 'Fraction of the limit used (1 = 100%)' });

export const RiskOverviewResponse = described(
  z.object({
    trading_state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    reason: z.string(),
    changed_at: z.string(),
    changed_by: z.string(),
    as_of: z.string(),
    equity: Dollars,
    daily_pnl: z.object({
      session_open_equity: Dollars,
      pnl: Dollars,
      loss_limit: Dollars,
      utilization: Utilization,
      drawdown_pct: z.number(),
    }),
    var: z.object({
      horizon_days: z.literal(1),
      history_days: z.int(),
      historical: z.object({ var_95: Dollars, var_99: Dollars, cvar_95: Dollars, cvar_99: Dollars }),
      parametric: z.object({ var_95: Dollars, var_99: Dollars }),
      full_revaluation: described(
        z.nullable(
          z.object({
            var_95: Dollars,
            var_99: Dollars,
            cvar_95: Dollars,
            cvar_99: Dollars,
            worst: Dollars,
            scenarios: z.int(),
          }),
        ),
        {
          description:
            'A book with options: every position revalued under each historical day (the underlying’s return, its implied volatility moved by the change in 20-day realized volatility, one day of decay), no delta or gamma approximation; null without options (historical and parametric are then exact; with options they see each option as its delta)',
        },
      ),
      limit: Dollars,
      utilization: Utilization,
    }),
    book: described(
      z.object({
        symbols: z.array(z.string()),
        correlation: z.array(z.array(z.number())),
        diversification_ratio: z.number(),
        var_95: Dollars,
        by_symbol: z.array(
          z.object({ symbol: z.string(), component_var_95: Dollars, marginal_var_95: z.number() }),
        ),
        by_strategy: z.array(z.object({ strategy_id: z.nullable(z.string()), component_var_95: Dollars })),
        beta: z.nullable(
          z.object({
            benchmark: z.string(),
            dollars: Dollars,
            hedge: z.nullable(z.object({ side: z.enum(['buy', 'sell']), quantity: z.int() })),
          }),
        ),
      }),
      {
        description:
          "How the held symbols move together (correlation of daily returns over the VaR window, in `symbols`' order), the diversification ratio (Σ|wᵢ|σᵢ / σ of the book: 1 when all move as one), and who carries the parametric 95 % VaR: each symbol's and each strategy's Euler component (they add up to `var_95`, to the cent; strategy_id null: held by no strategy) and each symbol's marginal VaR per dollar more of it; `beta`: the book's beta to SPY in dollars (what it gains per 100 % of SPY's return) and the SPY trade that would neutralise it — a suggestion, never sent",
      },
    ),
    exposure: z.object({
      gross: Dollars,
      by_symbol: z.array(
        z.object({
          symbol: z.string(),
          sector: z.string(),
          quantity: z.number(),
          market_value: Dollars,
          weight: z.number(),
          concentration_limit: z.number(),
          utilization: Utilization,
        }),
      ),
      by_sector: z.array(z.object({ sector: z.string(), market_value: Dollars, weight: z.number() })),
    }),
    losing_streak: z.object({
      account: z.int(),
      by_strategy: z.record(z.string(), z.int()),
      limit: z.int(),
      action: z.enum(['pause_strategy', 'reduce_account']),
    }),
    order_rate: z.object({ in_window: z.int(), limit: z.int(), window_seconds: z.int() }),
    breaches: z.array(z.string()),
    limits_version: z.int(),
    recent_alerts: z.array(Alert),
  }),
  { id: 'RiskOverview' },
);

export const DeliveriesQuery = z.strictObject({
  limit: z.optional(queryInteger(1, 200)),
});

export const DeliveriesResponse = described(
  z.object({
    deliveries: z.array(
      z.object({
        at: z.string(),
        channel: z.enum(['webhook']),
        kind: described(z.enum(['alert', 'digest']), {
          description: 'One alert, or a digest of those held back during a storm',
        }),
        code: z.string(),
        attempts: z.int(),
        delivered: z.boolean(),
        error: z.nullable(z.string()),
      }),
    ),
  }),
  { id: 'NotificationDeliveries' },
);

const NotificationSettingFields = {
  large_fill_notional: described(z.int().check(z.minimum(0), z.maximum(10_000_000_000)), {
    description:
      'An order that fills for at least this many whole dollars is announced (LARGE_FILL); 0 turns it off',
  }),
  rejection_alert_count: described(z.int().check(z.minimum(1), z.maximum(1_000)), {
    description: 'This many rejections within the window are announced once (REJECTIONS_ABOVE_THRESHOLD)',
  }),
  rejection_window_seconds: z.int().check(z.minimum(10), z.maximum(86_400)),
};

export const NotificationSettingsBody = described(
  z.strictObject({
    large_fill_notional: z.optional(NotificationSettingFields.large_fill_notional),
    rejection_alert_count: z.optional(NotificationSettingFields.rejection_alert_count),
    rejection_window_seconds: z.optional(NotificationSettingFields.rejection_window_seconds),
  }),
  {
    id: 'NotificationSettingsChange',
    examples: [{ large_fill_notional: 10_000, rejection_alert_count: 3 }],
  },
);

export const NotificationSettingsResponse = described(z.object(NotificationSettingFields), {
  id: 'NotificationSettings',
});
