import { type BarSeries, walkForward, type WalkForwardResult } from '../../core/backtest';
import { DomainError } from '../../core/errors';
import { createStrategy } from '../../core/strategies/registry';
import type { BacktestComputation, RankBy, WalkForwardPlan, WalkForwardReport } from '../ports/backtest-jobs';
import { barsOf } from './compute-runs';
import { toCent } from './in-dollars';

/** Windows a walk-forward may have: its report is one stored item. */
const MAX_WINDOWS = 500;

/**
 * A walk-forward, pure: in each in-sample window every combination is backtested and the best
 * by the computation's `rankBy` trades the next window (core/backtest/walk-forward.ts). Runs
 * wherever BacktestCompute puts it.
 */
export function computeWalkForward(
  computation: BacktestComputation,
  plan: WalkForwardPlan,
): WalkForwardReport {
  const data = barsOf(computation);
  if (data.length !== 1) {
    throw new DomainError('WALK_FORWARD_ONE_SYMBOL', 'A walk-forward runs on one symbol', 'invalid', [
      { field: 'data', in: 'body', problem: 'must name one symbol for a walk-forward' },
    ]);
  }
  const series = data[0]!;
  checkPlan(series.length, plan);
  const metric = computation.rankBy;
  const result = walkForward(
    series,
    computation.parameterSets.map(({ parameters }) => parameters),
    (parameters) => createStrategy(computation.type, parameters),
    {
      capital: computation.capital,
      commission: computation.commission,
      slippage: { model: 'bps', bps: computation.slippageBps },
      sizing: computation.sizing,
    },
    plan,
    (run) => {
      const value = (run.performance as unknown as Record<string, number | undefined>)[metric];
      return value !== undefined && Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
    },
  );
  return reportOf(series, plan, metric, result, computation.capital);
}

/** Refuses a plan the bars cannot hold, or one of more windows than a report may list. */
function checkPlan(bars: number, plan: WalkForwardPlan): void {
  if (plan.inSampleBars + plan.outOfSampleBars > bars) {
    throw new DomainError('WALK_FORWARD_TOO_SHORT', `${bars} bars cannot hold one window`, 'invalid', [
      {
        field: 'walk_forward',
        in: 'body',
        problem: `in_sample + out_of_sample must be at most the ${bars} bars`,
      },
    ]);
  }
  const windowCount = Math.ceil((bars - plan.inSampleBars) / plan.outOfSampleBars);
  if (windowCount > MAX_WINDOWS) {
    throw new DomainError(
      'WALK_FORWARD_TOO_MANY_WINDOWS',
      `${windowCount} windows; at most ${MAX_WINDOWS}`,
      'invalid',
      [
        {
          field: 'walk_forward.out_of_sample',
          in: 'body',
          problem: `makes ${windowCount} windows; at most ${MAX_WINDOWS}`,
        },
      ],
    );
  }
}

/** The report of a walk-forward's result: dates for bar indices, scores, the stitched equity in dollars. */
function reportOf(
  series: BarSeries,
  plan: WalkForwardPlan,
  metric: RankBy,
  result: WalkForwardResult<Record<string, unknown>>,
  capital: number,
): WalkForwardReport {
  const at = (index: number) => new Date(series.time[index]!).toISOString();
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  const windows = result.windows.map((window) => ({
    inSample: {
      from: at(window.inSample.from),
      to: at(window.inSample.to - 1),
      bars: window.inSample.to - window.inSample.from,
    },
    outOfSample: {
      from: at(window.outOfSample.from),
      to: at(window.outOfSample.to - 1),
      bars: window.outOfSample.to - window.outOfSample.from,
    },
    parameters: window.parameters,
    inSampleScore: finite(window.inSampleScore),
    outOfSampleScore: finite(window.outOfSampleScore),
    outOfSampleReturn: window.outOfSampleReturn,
  }));
  const mean = (values: (number | null)[]) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : null;
  };
  const inSample = mean(windows.map((window) => window.inSampleScore));
  const outOfSample = mean(windows.map((window) => window.outOfSampleScore));
  const step = Math.max(1, Math.ceil(result.stitched.time.length / 1_000));
  const equity: [string, number][] = [];
  for (let i = 0; i < result.stitched.time.length; i += step)
    equity.push([new Date(result.stitched.time[i]!).toISOString(), toCent(result.stitched.value[i]!)]);
  const last = result.stitched.value.at(-1) ?? capital;
  return {
    ...plan,
    metric,
    windows,
    equity,
    outOfSampleReturn: last / capital - 1,
    efficiency: inSample !== null && outOfSample !== null && inSample !== 0 ? outOfSample / inSample : null,
  };
}
