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
  /** A walk-forward of the computation's combinations over its one series. */
  walkForward(computation: BacktestComputation, plan: WalkForwardPlan): Promise<WalkForwardReport>;
}

/** Rolling or anchored in-sample windows of `inSampleBars`, each followed by `outOfSampleBars` traded. */
export interface WalkForwardPlan {
  mode: 'rolling' | 'anchored';
  inSampleBars: number;
  outOfSampleBars: number;
}

/** A walk-forward's report, plain JSON: each window's choice and scores, the stitched out-of-sample equity. */
export interface WalkForwardReport extends WalkForwardPlan {
  /** The metric each in-sample window chose by (the request's rank_by). */
  metric: RankBy;
  windows: {
    inSample: { from: string; to: string; bars: number };
    outOfSample: { from: string; to: string; bars: number };
    parameters: Record<string, unknown>;
    inSampleScore: number | null;
    outOfSampleScore: number | null;
    outOfSampleReturn: number;
  }[];
  /** Out-of-sample equity, window after window, in dollars (at most 1,000 points). */
  equity: [string, number][];
  /** What the out-of-sample windows returned together (fraction of the capital). */
  outOfSampleReturn: number;
  /** Mean out-of-sample score over mean in-sample score: near 1 holds up, near 0 or below was fitted to noise. */
  efficiency: number | null;
}

/** Fans a large sweep out (AWS: the sweep state machine's Distributed Map), chunk by chunk. */
export interface SweepFanOut {
  /** Starts it; starting the same backtest twice is harmless. */
  start(job: BacktestJob, chunks: readonly { from: number; to: number }[]): Promise<void>;
}
