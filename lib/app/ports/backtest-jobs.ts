import type { BarSeries, SyntheticSpec } from '../../core/backtest';
import type { CommissionModel } from '../../core/execution/commission';
import type { SizingModel } from '../../core/risk/sizing-model';

/** A backtest accepted by the API and waiting for the runner. */
export interface BacktestJob {
  accountId: string;
  backtestId: string;
}

/** Where accepted backtests wait (SQS): the runner takes them a few at a time. */
export interface BacktestJobs {
  enqueue(job: BacktestJob): Promise<void>;
}

export type RankBy = 'sharpe' | 'sortino' | 'calmar' | 'totalReturn';

/** Everything a backtest's compute needs, as plain data a worker thread can be handed. */
export interface BacktestComputation {
  type: string;
  /** One per combination of the sweep (one without a sweep), each validated already. */
  parameterSets: { combination: Record<string, unknown>; parameters: Record<string, unknown> }[];
  /** Bars to run over, or a synthetic path to generate first (where the compute runs). */
  data: { series: BarSeries[] } | { synthetic: SyntheticSpec };
  capital: number;
  commission: CommissionModel;
  slippageBps: number;
  sizing: SizingModel;
  rankBy: RankBy;
}

/**
 * Runs a backtest's compute away from the caller's event loop: every combination, summarised,
 * best first by `rankBy`. CPU-bound for seconds to minutes; it never blocks the thread that
 * answers requests.
 */
export interface BacktestCompute {
  run(computation: BacktestComputation): Promise<Record<string, unknown>[]>;
}
