import { queryInteger } from './common';
import { EQUITY_SYMBOL_PATTERN } from '../../core/market/symbol';
import * as z from '../zod';
import { described } from '../zod';

const Symbol = z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like AAPL or BRK.B'));

export const BacktestBody = described(
  z.strictObject({
    type: described(z.string().check(z.maxLength(64)), { description: 'A strategy type, e.g. ma_crossover' }),
    parameters: z._default(z.record(z.string().check(z.maxLength(64)), z.unknown()), {}),
    data: z.union([
      z.strictObject({
        symbols: z.array(Symbol).check(z.minLength(1), z.maxLength(20)),
        sessions: z._default(z.int().check(z.minimum(20), z.maximum(2_520)), 500),
      }),
      z.strictObject({
        synthetic: described(z.string().check(z.maxLength(300)), {
          description: 'gbm or sv_jump, e.g. gbm:bars=100000,interval=1,vol=0.25,seed=1',
        }),
      }),
    ]),
    capital: z._default(z.number().check(z.positive(), z.maximum(1e10)), 100_000),
    commission: z._default(
      described(z.string().check(z.maxLength(60)), {
        description: 'none, per_share:0.005:min=1, percent:5:min=1',
      }),
      'per_share:0.005:min=1',
    ),
    slippage_bps: z._default(z.number().check(z.minimum(0), z.maximum(1_000)), 5),
    fraction: z._default(z.number().check(z.positive(), z.maximum(1)), 0.95),
    sweep: z.optional(
      described(
        z.record(
          z.string().check(z.maxLength(64)),
          z.array(z.unknown()).check(z.minLength(1), z.maxLength(50)),
        ),
        {
          description: 'Values to try per parameter: every combination runs (at most 200)',
        },
      ),
    ),
    rank_by: z._default(z.enum(['sharpe', 'sortino', 'calmar', 'total_return']), 'sharpe'),
  }),
  { id: 'BacktestRequest' },
);

export const BacktestIdParams = z.strictObject({
  id: z.string().check(z.regex(/^bt-[a-f0-9-]{6,40}$/, 'is not a backtest id')),
});

export const BacktestRunParams = z.strictObject({
  id: z.string().check(z.regex(/^bt-[a-f0-9-]{6,40}$/, 'is not a backtest id')),
  rank: queryInteger(1, 10_000),
});

export const BacktestRunResponse = described(z.record(z.string(), z.unknown()), {
  id: 'BacktestRun',
  description: 'One run of a backtest in full: parameters, metrics, trade statistics, trades, equity curve',
});

export const BacktestResponse = described(
  z.object({
    id: z.string(),
    status: z.enum(['completed', 'failed']),
    created_at: z.string(),
    created_by: z.string(),
    request: z.record(z.string(), z.unknown()),
    runs: described(z.array(z.record(z.string(), z.unknown())), {
      description:
        'One per parameter combination, best first by rank_by: metrics and trade statistics; the best run also with its trades and equity (any other run: GET …/runs/{rank})',
    }),
  }),
  { id: 'Backtest' },
);
