import { EQUITY_SYMBOL_PATTERN } from '../../core/market/symbol';
import * as z from '../zod';
import { described } from '../zod';
import { Dollars, Price, queryInteger } from './common';

const Symbol = z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like AAPL or BRK.B'));
const Note = z.string().check(z.minLength(1), z.maxLength(500));
const Parameters = described(z.record(z.string().check(z.maxLength(64)), z.unknown()), {
  description:
    "The strategy type's parameters (see its JSON Schema in GET /api/strategies); defaults fill the rest",
});

export const CreateStrategyBody = described(
  z.strictObject({
    type: z.optional(
      described(z.string().check(z.maxLength(64)), {
        description: 'A strategy type, e.g. ma_crossover',
        examples: ['ma_crossover', 'rsi_mean_reversion', 'bollinger_breakout'],
      }),
    ),
    template_id: z.optional(
      described(z.string().check(z.maxLength(64)), {
        description: 'Start from a template (GET /api/strategies/templates)',
      }),
    ),
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    parameters: z.optional(Parameters),
    symbols: z.optional(z.array(Symbol).check(z.maxLength(50))),
    note: z.optional(Note),
  }),
  {
    id: 'StrategyCreate',
    // A type, or a template to take it from (refused with STRATEGY_TYPE_REQUIRED otherwise).
    allOf: [{ anyOf: [{ required: ['type'] }, { required: ['template_id'] }] }],
    examples: [
      { type: 'ma_crossover', name: 'SPY crossover', symbols: ['SPY'], parameters: { fast_period: 10 } },
      { type: 'rsi_mean_reversion', name: 'RSI pullbacks', symbols: ['QQQ', 'SPY'] },
    ],
  },
);

export const UpdateStrategyBody = described(
  z.strictObject({
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    parameters: z.optional(Parameters),
    symbols: z.optional(z.array(Symbol).check(z.minLength(1), z.maxLength(50))),
    archived: z.optional(described(z.boolean(), { description: 'Archive (true) or restore (false)' })),
    note: described(Note, { description: 'What changed and why: kept with the version' }),
    version: z.optional(
      described(z.int().check(z.minimum(1)), {
        description: 'The version you read (optimistic concurrency)',
      }),
    ),
  }),
  {
    id: 'StrategyUpdate',
    examples: [
      { parameters: { fast_period: 12 }, note: 'slower entries' },
      { name: 'Renamed', note: 'rename' },
    ],
  },
);

export const StrategyIdParams = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]{3,80}$/, 'is not a strategy configuration id')),
});

export const StrategyQuery = z.strictObject({ version: z.optional(queryInteger(1, 1_000_000)) });

export const SignalsQuery = z.strictObject({
  config_id: z.optional(z.string().check(z.regex(/^[a-z0-9-]{3,80}$/, 'is not a strategy configuration id'))),
});

const Config = z.object({
  id: z.string(),
  version: z.int(),
  type: z.string(),
  name: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  symbols: z.array(z.string()),
  archived: z.boolean(),
  note: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  template_id: z.nullable(z.string()),
});

export const StrategyConfigResponse = described(Config, { id: 'StrategyConfig' });

/** How a configuration has traded for the account (its orders' closing fills), dollars. */
export const StrategyPerformance = z.object({
  realized_pnl: Dollars,
  trades: z.int(),
  wins: z.int(),
  win_rate: z.nullable(z.number()),
});

export const StrategyDetailResponse = described(
  z.object({
    ...Config.shape,
    versions: z.array(Config),
    performance: z.nullable(StrategyPerformance),
  }),
  { id: 'StrategyDetail' },
);

export const StrategiesResponse = described(
  z.object({
    types: z.array(
      z.object({
        type: z.string(),
        name: z.string(),
        asset_class: z.enum(['equity', 'options']),
        description: z.string(),
        regime: z.string(),
        parameters: described(z.record(z.string(), z.unknown()), {
          description: 'JSON Schema of the parameters',
        }),
      }),
    ),
    configurations: z.array(Config),
  }),
  { id: 'Strategies' },
);

export const TemplatesResponse = described(
  z.object({
    templates: z.array(
      z.object({
        template_id: z.string(),
        name: z.string(),
        description: z.string(),
        type: z.string(),
        parameters: z.record(z.string(), z.unknown()),
        symbols: z.array(z.string()),
      }),
    ),
  }),
  { id: 'StrategyTemplates' },
);

export const SignalsResponse = described(
  z.object({
    signals: z.array(
      z.object({
        config_id: z.string(),
        config_version: z.int(),
        type: z.string(),
        symbol: z.string(),
        direction: z.enum(['long', 'short', 'flat']),
        strength: z.number(),
        rationale: z.string(),
        at: z.string(),
        position_id: z.nullable(z.string()),
        legs: z.nullable(
          z.array(
            z.object({
              symbol: z.string(),
              type: z.enum(['call', 'put']),
              strike: Price,
              expiry: z.string(),
              quantity: z.int(),
              price: Price,
            }),
          ),
        ),
      }),
    ),
  }),
  { id: 'Signals' },
);
