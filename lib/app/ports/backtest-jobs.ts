import type { BarSeries, SyntheticSpec } from '../../core/backtest';
import type { ReturnMoments } from '../../core/analytics/deflated-sharpe';
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

/** One combination's run, before ranking: its summary and the moments its deflated Sharpe needs. */
export interface ComputedRun {
  /** The combination's number in the search (1-based, the order `parameterSets` lists them). */
  number: number;
  run: Record<string, unknown>;
  moments: ReturnMoments;
}

export interface ComputeOptions {
  /** Only these combinations (numbers, 1-based); all when absent. */
  numbers?: readonly number[];
  /** Called with each run as it finishes (any order). */
  onRun?: (computed: ComputedRun) => void;
  /** Aborting stops the work at once; the promise rejects with BACKTEST_CANCELED. */
  signal?: AbortSignal;
}

/**
 * Runs a backtest's combinations away from the caller's event loop, unranked (the caller ranks
 * them: rankRuns). CPU-bound for seconds to minutes; it never blocks the thread that answers
 * requests.
 */
export interface BacktestCompute {
  run(computation: BacktestComputation, options?: ComputeOptions): Promise<ComputedRun[]>;
}

/** Fans a large sweep out (AWS: the sweep state machine's Distributed Map), chunk by chunk. */
export interface SweepFanOut {
  /** Starts it; starting the same backtest twice is harmless. */
  start(job: BacktestJob, chunks: readonly { from: number; to: number }[]): Promise<void>;
}
