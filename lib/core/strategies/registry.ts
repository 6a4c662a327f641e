import * as z from 'zod/mini';
import { DomainError, type FieldProblem } from '../errors';
import { bollingerBreakout } from './equity/bollinger-breakout';
import { momentumRotation } from './equity/momentum-rotation';
import { movingAverageCrossover } from './equity/moving-average-crossover';
import { rsiMeanReversion } from './equity/rsi-mean-reversion';
import { atmStraddle } from './options/atm-straddle';
import { ironCondor } from './options/iron-condor';
import type { Strategy } from './strategy';

const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}$/;

const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.meta({ description })) as T;
const whole = (min: number, max: number, fallback: number, description: string) =>
  z._default(
    described(
      z
        .int('must be a whole number')
        .check(z.minimum(min, `must be at least ${min}`), z.maximum(max, `must be at most ${max}`)),
      description,
    ),
    fallback,
  );
const decimal = (min: number, max: number, fallback: number, description: string) =>
  z._default(
    described(
      z
        .number('must be a number')
        .check(z.minimum(min, `must be at least ${min}`), z.maximum(max, `must be at most ${max}`)),
      description,
    ),
    fallback,
  );
const symbol = (description: string) =>
  described(z.string().check(z.regex(SYMBOL, 'must be a ticker like AAPL')), description);

/**
 * A type of strategy: what it does, when it suits, its parameters as a schema (defaults,
 * bounds and descriptions — the API publishes it as JSON Schema and the UI builds its form
 * from it) and the factory that makes a strategy from validated parameters.
 */
export interface StrategyType<P = Record<string, unknown>> {
  type: string;
  name: string;
  assetClass: 'equity' | 'options';
  description: string;
  /** The market regime it suits, in words. */
  regime: string;
  parameters: z.ZodMiniType<P>;
  create(parameters: P): Strategy;
}

function strategyType<P>(definition: StrategyType<P>): StrategyType {
  return definition as unknown as StrategyType;
}

export const STRATEGY_TYPES: readonly StrategyType[] = [
  strategyType({
    type: 'ma_crossover',
    name: 'Moving-average crossover',
    assetClass: 'equity',
    description: 'Long when the fast average crosses above the slow one; flat when it crosses back.',
    regime: 'trending markets',
    parameters: z
      .strictObject({
        fast_period: whole(2, 200, 10, 'Bars in the fast average'),
        slow_period: whole(3, 400, 30, 'Bars in the slow average (more than the fast)'),
        average: z._default(described(z.enum(['sma', 'ema']), 'Simple or exponential averages'), 'sma'),
      })
      .check(
        z.refine((p) => p.slow_period > p.fast_period, {
          message: 'must be more than fast_period',
          path: ['slow_period'],
        }),
      ),
    create: movingAverageCrossover,
  }),
  strategyType({
    type: 'rsi_mean_reversion',
    name: 'RSI mean reversion',
    assetClass: 'equity',
    description: 'Buy when RSI falls below the oversold level; sell when it recovers above the exit level.',
    regime: 'range-bound markets',
    parameters: z
      .strictObject({
        period: whole(2, 100, 14, "Bars in Wilder's RSI"),
        oversold: decimal(1, 50, 30, 'Buy below this RSI'),
        exit_level: decimal(20, 99, 50, 'Sell above this RSI'),
      })
      .check(
        z.refine((p) => p.exit_level > p.oversold, {
          message: 'must be above oversold',
          path: ['exit_level'],
        }),
      ),
    create: rsiMeanReversion,
  }),
  strategyType({
    type: 'bollinger_breakout',
    name: 'Bollinger band breakout',
    assetClass: 'equity',
    description: 'Long when a close breaks above the upper band; flat when it falls below the middle band.',
    regime: 'volatility expansion after a quiet range',
    parameters: z.strictObject({
      period: whole(2, 200, 20, 'Bars in the bands'),
      deviations: decimal(0.5, 4, 2, 'Band width in standard deviations'),
    }),
    create: bollingerBreakout,
  }),
  strategyType({
    type: 'momentum_rotation',
    name: 'Momentum rotation',
    assetClass: 'equity',
    description: 'Rank a watchlist by rate of change and hold the strongest with positive momentum.',
    regime: 'persistent cross-sectional trends',
    parameters: z
      .strictObject({
        lookback: whole(1, 250, 20, 'Bars of rate of change'),
        top: whole(1, 20, 3, 'How many symbols to hold'),
        watchlist: described(
          z.array(symbol('Ticker')).check(z.minLength(2), z.maxLength(50)),
          'The symbols to rank',
        ),
      })
      .check(
        z.refine((p) => p.top < p.watchlist.length, {
          message: 'must be fewer than the watchlist',
          path: ['top'],
        }),
      ),
    create: momentumRotation,
  }),
  strategyType({
    type: 'atm_straddle',
    name: 'ATM straddle',
    assetClass: 'options',
    description:
      'Buy the at-the-money call and put when the expected move (realised volatility) exceeds the move the straddle prices in.',
    regime: 'before volatility expansions (events, breakouts)',
    parameters: z.strictObject({
      underlying: symbol('The underlying'),
      target_dte: whole(2, 365, 30, 'Days to expiry to buy'),
      lookback: whole(5, 250, 20, 'Bars of realised volatility'),
      entry_ratio: decimal(0.5, 5, 1.2, 'Buy when expected move / straddle cost is at least this'),
      profit_target: decimal(0.05, 10, 0.5, 'Take profit at this fraction of the debit'),
      stop_loss: decimal(0.05, 1, 0.5, 'Stop out after losing this fraction of the debit'),
      exit_dte: whole(0, 60, 7, 'Close this many days before expiry'),
      contracts: whole(1, 100, 1, 'Contracts per leg'),
    }),
    create: atmStraddle,
  }),
  strategyType({
    type: 'iron_condor',
    name: 'Iron condor',
    assetClass: 'options',
    description:
      'Sell an out-of-the-money put and call by delta, buy wings further out, for a credit; manage by profit, loss and time.',
    regime: 'range-bound markets with rich implied volatility',
    parameters: z.strictObject({
      underlying: symbol('The underlying'),
      target_dte: whole(7, 365, 45, 'Days to expiry to sell'),
      short_delta: decimal(0.05, 0.45, 0.16, 'Absolute delta of the short strikes'),
      wing_width: decimal(0.5, 100, 10, 'Dollars between each short strike and its wing'),
      min_volatility: decimal(0, 3, 0, 'Only sell when at-the-money volatility is at least this'),
      profit_target: decimal(0.05, 1, 0.5, 'Close after keeping this fraction of the credit'),
      loss_multiple: decimal(0.5, 10, 2, 'Close when the loss reaches this many credits'),
      exit_dte: whole(0, 60, 21, 'Close this many days before expiry'),
      contracts: whole(1, 100, 1, 'Contracts per leg'),
    }),
    create: ironCondor,
  }),
];

function strategyTypeOf(type: string): StrategyType | undefined {
  return STRATEGY_TYPES.find((candidate) => candidate.type === type);
}

/**
 * Validates parameters for a type (defaults filled in); a problem names the parameter, as
 * `parameters.<name>`. Throws UNKNOWN_STRATEGY_TYPE or STRATEGY_PARAMETERS_INVALID.
 */
export function validateParameters(type: string, parameters: unknown): Record<string, unknown> {
  const definition = strategyTypeOf(type);
  if (!definition) {
    throw new DomainError('UNKNOWN_STRATEGY_TYPE', `No strategy type ${type}`, 'invalid', [
      {
        field: 'type',
        in: 'body',
        problem: `must be one of ${STRATEGY_TYPES.map((t) => t.type).join(', ')}`,
      },
    ]);
  }
  const result = z.safeParse(definition.parameters, parameters ?? {});
  if (result.success) return result.data as Record<string, unknown>;
  const problems: FieldProblem[] = result.error.issues.map((issue) => ({
    field: ['parameters', ...issue.path.map(String)].join('.'),
    problem: issue.message,
  }));
  throw new DomainError(
    'STRATEGY_PARAMETERS_INVALID',
    `${problems[0]!.field} ${problems[0]!.problem}`,
    'invalid',
    problems,
  );
}

/** A strategy instance from a type name and parameters (validated first). */
export function createStrategy(type: string, parameters: unknown): Strategy {
  const valid = validateParameters(type, parameters);
  return strategyTypeOf(type)!.create(valid);
}
