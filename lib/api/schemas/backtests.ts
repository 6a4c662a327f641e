import { DEFAULT_EQUITY_FRACTION } from '../../core/risk/sizing-model';
import { between, Dollars, Price, queryInteger } from './common';
import { EQUITY_SYMBOL_PATTERN } from '../../core/market/symbol';
import { DATASET_NAME_PATTERN } from '../../core/datasets/dataset';
import * as z from '../zod';
import { described } from '../zod';

const Symbol = z.string().check(z.regex(EQUITY_SYMBOL_PATTERN, 'must be a ticker like AAPL or BRK.B'));

export const BacktestBody = described(
  z
    .strictObject({
      type: described(z.string().check(z.maxLength(64)), {
        description: 'A strategy type, e.g. ma_crossover',
        examples: ['ma_crossover', 'rsi_mean_reversion'],
      }),
      parameters: z._default(z.record(z.string().check(z.maxLength(64)), z.unknown()), {}),
      data: z.union([
        z.strictObject({
          dataset: described(z.string().check(z.regex(DATASET_NAME_PATTERN, 'is not a dataset name')), {
            description: 'A dataset kept by `stratus data` (GET /api/datasets)',
            examples: ['etfs'],
          }),
          symbols: z.optional(z.array(Symbol).check(z.minLength(1), z.maxLength(20))),
        }),
        z.strictObject({
          symbols: z.array(Symbol).check(z.minLength(1), z.maxLength(20)),
          sessions: z._default(z.int().check(z.minimum(20), z.maximum(2_520)), 500),
        }),
        z.strictObject({
          synthetic: described(z.string().check(z.maxLength(300)), {
            description: 'gbm or sv_jump, e.g. gbm:bars=100000,interval=1,vol=0.25,seed=1',
            examples: [
              'gbm:bars=2000,seed=1',
              'sv_jump:bars=1000,seed=7',
              'gbm:bars=500,interval=1440,vol=0.3,seed=3',
            ],
          }),
        }),
      ]),
      capital: z._default(between(1, 1e10, 'dollars'), 100_000),
      commission: z._default(
        described(z.string().check(z.maxLength(60)), {
          description: 'none, per_share:0.005:min=1, percent:5:min=1',
          examples: ['none', 'per_share:0.005:min=1', 'percent:5:min=1'],
        }),
        'per_share:0.005:min=1',
      ),
      slippage_bps: z._default(z.number().check(z.minimum(0), z.maximum(1_000)), 5),
      fraction: z.optional(
        described(between(0.0001, 1), {
          description: `Size each position as this fraction of equity (the default, ${DEFAULT_EQUITY_FRACTION})`,
        }),
      ),
      quantity: z.optional(
        described(
          z
            .int()
            .check(z.minimum(1, 'must be at least 1'), z.maximum(10_000_000, 'must be at most 10000000')),
          {
            description: 'Or a fixed number of shares per position',
          },
        ),
      ),
      sizing: z.optional(
        described(z.string().check(z.maxLength(120)), {
          description:
            'Or a sizing model: fixed:100, equity_fraction:0.5, fixed_fractional:risk=0.01,stop=0.05, volatility_target:target=0.15,lookback=20,max=1, kelly:p=0.55,ratio=1.5,multiplier=0.5,max=0.25',
          examples: [
            'fixed_fractional:risk=0.01,stop=0.05',
            'volatility_target:target=0.15,lookback=20',
            'kelly:p=0.55,ratio=1.5',
          ],
        }),
      ),
      sweep: z.optional(
        described(
          z.record(
            z.string().check(z.maxLength(64)),
            z.union([
              z.array(z.unknown()).check(z.minLength(1), z.maxLength(500)),
              z.strictObject({
                from: z.number(),
                to: z.number(),
                step: z.optional(z.number().check(z.positive())),
              }),
            ]),
          ),
          {
            description:
              'Values to try per parameter: a list, or a range {from, to, step} (both ends included). Every combination runs (a grid, at most 10,000), or a random draw of them (search)',
            examples: [{ fast_period: [5, 10, 20] }, { fast_period: { from: 5, to: 50, step: 5 } }],
          },
        ),
      ),
      search: z.optional(
        described(
          z.union([
            z.strictObject({ method: z.literal('grid') }),
            z.strictObject({
              method: z.literal('random'),
              samples: z.int().check(z.minimum(1), z.maximum(10_000)),
              seed: z._default(z.int().check(z.minimum(0), z.maximum(4_294_967_295)), 1),
            }),
          ]),
          {
            description: 'grid (default): every combination of sweep; random: samples distinct ones, seeded',
          },
        ),
      ),
      rank_by: z._default(z.enum(['sharpe', 'sortino', 'calmar', 'total_return']), 'sharpe'),
      versions_of: z.optional(
        described(
          z.strictObject({
            config_id: z.string().check(z.regex(/^[a-z0-9-]{3,80}$/, 'is not a strategy configuration id')),
            versions: z.optional(z.array(z.int().check(z.minimum(1))).check(z.minLength(1), z.maxLength(50))),
          }),
          {
            description:
              "Compare a configuration's versions (all, or those listed) side by side on the same data: one run per version, with that version's parameters (`type` must be the configuration's)",
            examples: [{ config_id: 'my-ema-1a2b3c', versions: [1, 2] }],
          },
        ),
      ),
      walk_forward: z.optional(
        described(
          z.strictObject({
            in_sample: z.int().check(z.minimum(20), z.maximum(2_000_000)),
            out_of_sample: z.int().check(z.minimum(1), z.maximum(2_000_000)),
            mode: z._default(z.enum(['rolling', 'anchored']), 'rolling'),
          }),
          {
            description:
              'Walk the sweep forward: each in-sample window (bars) chooses its best combination by rank_by, which trades the next out-of-sample window; rolling slides the in-sample window, anchored grows it from the first bar',
            examples: [{ in_sample: 504, out_of_sample: 126, mode: 'rolling' }],
          },
        ),
      ),
    })
    .check(
      z.refine(
        (body) => [body.fraction, body.quantity, body.sizing].filter((v) => v !== undefined).length <= 1,
        {
          message: 'give one of fraction, quantity and sizing',
          path: ['sizing'],
        },
      ),
      z.refine((body) => body.walk_forward === undefined || body.sweep !== undefined, {
        message: 'a walk-forward needs a sweep to choose from',
        path: ['walk_forward'],
      }),
      z.refine((body) => body.versions_of === undefined || body.sweep === undefined, {
        message: 'versions are compared as they are: give a sweep or versions_of, not both',
        path: ['versions_of'],
      }),
      z.refine((body) => body.search === undefined || body.sweep !== undefined, {
        message: 'a search needs a sweep to draw from',
        path: ['search'],
      }),
    ),
  {
    id: 'BacktestRequest',
    // One way to size: the refinement above, as JSON Schema says it.
    allOf: [
      {
        not: {
          anyOf: [
            { required: ['fraction', 'quantity'] },
            { required: ['fraction', 'sizing'] },
            { required: ['quantity', 'sizing'] },
          ],
        },
      },
      { if: { required: ['search'] }, then: { required: ['sweep'] } },
      { if: { required: ['walk_forward'] }, then: { required: ['sweep'] } },
      { not: { required: ['versions_of', 'sweep'] } },
    ],
    examples: [
      { type: 'ma_crossover', data: { synthetic: 'gbm:bars=2000,seed=1' } },
      { type: 'ma_crossover', data: { symbols: ['SPY'], sessions: 250 }, sweep: { fast_period: [5, 10] } },
    ],
  },
);

export const BacktestIdParams = z.strictObject({
  id: z.string().check(z.regex(/^bt-[a-f0-9-]{6,40}$/, 'is not a backtest id')),
});

export const BacktestPageQuery = z.strictObject({
  offset: z.optional(queryInteger(0, 100_000)),
  limit: z.optional(queryInteger(1, 1_000)),
});

export const BacktestRunParams = z.strictObject({
  id: z.string().check(z.regex(/^bt-[a-f0-9-]{6,40}$/, 'is not a backtest id')),
  rank: queryInteger(1, 10_000),
});

const NullableNumber = z.nullable(z.number());
const NullableDollars = z.nullable(Dollars);

/** Closed-trade statistics; amounts in dollars to the cent (averages rounded to it). */
const TradeStatistics = z.object({
  trades: z.int(),
  wins: z.int(),
  losses: z.int(),
  win_rate: NullableNumber,
  profit_factor: NullableNumber,
  average_win: NullableDollars,
  average_loss: NullableDollars,
  expectancy: NullableDollars,
  largest_win: NullableDollars,
  largest_loss: NullableDollars,
  max_consecutive_wins: z.int(),
  max_consecutive_losses: z.int(),
  average_holding_hours: NullableNumber,
  exposure: NullableNumber,
  net_pnl: Dollars,
  fees: Dollars,
});

const BacktestTrade = z.object({
  symbol: z.string(),
  direction: z.enum(['long', 'short']),
  quantity: z.number(),
  entry_at: z.string(),
  exit_at: z.string(),
  entry_price: Price,
  exit_price: Price,
  fees: Dollars,
  pnl: Dollars,
});

/** One run: its parameters and results; `trades` and `equity` only where the run is shown in full. */
const RunFields = {
  number: z.optional(described(z.int(), { description: 'The combination’s number in the search (1-based)' })),
  version: z.optional(
    described(z.int(), { description: 'The configuration version this run is (a `versions_of` comparison)' }),
  ),
  parameters: z.record(z.string(), z.unknown()),
  bars: z.int(),
  final_equity: Dollars,
  fees: Dollars,
  performance: z.record(z.string(), NullableNumber),
  trade_statistics: TradeStatistics,
  by_symbol: z.record(z.string(), TradeStatistics),
  trades: z.optional(z.array(BacktestTrade)),
  equity: z.optional(
    described(z.array(z.tuple([z.string(), Dollars])), {
      description: '[time, equity] at most 1,000 points',
    }),
  ),
};

export const BacktestRunResponse = described(z.object(RunFields), {
  id: 'BacktestRun',
  description: 'One run of a backtest in full: parameters, metrics, trade statistics, trades, equity curve',
});

export const BacktestResponse = described(
  z.object({
    id: z.string(),
    status: described(z.enum(['queued', 'running', 'completed', 'failed', 'canceled']), {
      description: 'queued → running → completed, failed or canceled; poll GET /api/strategies/backtest/{id}',
    }),
    dataset: described(
      z.nullable(
        z.object({
          name: z.string(),
          source: z.string(),
          timeframe: z.string(),
          adjustment: z.string(),
          from: z.string(),
          to: z.string(),
          symbols: z.array(z.string()),
        }),
      ),
      {
        description:
          'The dataset it ran on, as it was when submitted; null for market history or synthetic data',
      },
    ),
    walk_forward: described(
      z.nullable(
        z.object({
          mode: z.enum(['rolling', 'anchored']),
          in_sample_bars: z.int(),
          out_of_sample_bars: z.int(),
          metric: z.string(),
          windows: z.array(
            z.object({
              in_sample: z.object({ from: z.string(), to: z.string(), bars: z.int() }),
              out_of_sample: z.object({ from: z.string(), to: z.string(), bars: z.int() }),
              parameters: z.record(z.string(), z.unknown()),
              in_sample_score: NullableNumber,
              out_of_sample_score: NullableNumber,
              out_of_sample_return: z.number(),
            }),
          ),
          equity: z.array(z.tuple([z.string(), Dollars])),
          out_of_sample_return: z.number(),
          efficiency: NullableNumber,
        }),
      ),
      {
        description:
          'A walk-forward’s report: each window’s chosen parameters, in- and out-of-sample scores, the stitched out-of-sample equity; null for a plain backtest or sweep',
      },
    ),
    progress: described(z.nullable(z.object({ done: z.int(), total: z.int() })), {
      description: 'Combinations finished of all; null before the runner starts',
    }),
    run_count: described(z.int(), { description: 'Runs stored (runs is a page of them: offset, limit)' }),
    skipped: described(z.nullable(z.object({ count: z.int(), example: z.optional(z.string()) })), {
      description: 'Combinations the strategy refused (not run), and the first refusal',
    }),
    created_at: z.string(),
    created_by: z.string(),
    started_at: z.nullable(z.string()),
    finished_at: z.nullable(z.string()),
    error: described(z.nullable(z.object({ code: z.string(), message: z.string() })), {
      description: 'Why a failed backtest failed',
    }),
    request: z.record(z.string(), z.unknown()),
    runs: described(z.array(z.object(RunFields)), {
      description:
        'A page of the runs, one per parameter combination, best first by rank_by (while running: the best so far): metrics and trade statistics; the best run also with its trades and equity (any other run: GET …/runs/{rank})',
    }),
  }),
  { id: 'Backtest' },
);

export const DatasetListResponse = described(
  z.object({
    datasets: z.array(
      z.object({
        name: z.string(),
        timeframe: z.enum(['1Day', '1Min']),
        adjustment: z.enum(['all', 'split', 'raw']),
        source: z.enum(['alpaca', 'csv', 'synthetic']),
        from: z.string(),
        to: z.string(),
        status: z.enum(['partial', 'complete']),
        symbols: z.record(
          z.string(),
          z.object({
            bars: z.int(),
            gaps: z.nullable(z.object({ count: z.int(), first: z.array(z.string()) })),
          }),
        ),
        updated_at: z.string(),
      }),
    ),
  }),
  { id: 'DatasetList' },
);
