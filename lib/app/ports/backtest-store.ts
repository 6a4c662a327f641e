import type { RankBy, WalkForwardReport } from './backtest-jobs';

export type BacktestStatus = 'queued' | 'running' | 'completed' | 'failed' | 'canceled';

/** A stored backtest: the request and one row per parameter combination, best first. */
export interface BacktestRun {
  backtestId: string;
  accountId: string;
  /** queued → running → completed | failed | canceled (see runQueuedBacktest). */
  status: BacktestStatus;
  createdAt: string;
  createdBy: string;
  startedAt?: string;
  finishedAt?: string;
  request: Record<string, unknown>;
  /** The dataset it ran on, as it was when submitted (a backtest cites its data). */
  dataset?: {
    name: string;
    source: string;
    timeframe: string;
    adjustment: string;
    from: string;
    to: string;
    symbols: string[];
  };
  /** How far the runs are: combinations finished (stored) of all; absent before the runner starts. */
  progress?: { done: number; total: number };
  /** Combinations of a sweep the strategy refused (not run): how many, and the first refusal. */
  skipped?: { count: number; example?: string };
  /** How many runs are stored (`runs` is a page of them), as `get` answers. */
  runCount?: number;
  /**
   * One row per finished combination, best first — while it runs, the runs finished so far: each
   * row names its combination (`number`, 1-based), metrics and trade statistics, and — where the
   * store was asked for them — `trades` and `equity` (DETAIL_FIELDS).
   */
  runs: Record<string, unknown>[];
  /** A walk-forward's report (a walk-forward stores no runs). */
  walkForward?: WalkForwardReport;
  /** Why a failed backtest failed. */
  error?: { code: string; message: string };
}

/** The bulky fields of a run: its trades and equity curve, read on demand. */
export const DETAIL_FIELDS = ['trades', 'equity'] as const;

/** Which rows of a backtest `get` answers: a page of the ranking (a sweep can have thousands). */
export interface RunsPage {
  offset: number;
  limit: number;
}

/**
 * Backtests. A sweep of thousands of combinations is far larger than one DynamoDB item (400 KB)
 * or one Lambda response (6 MB), so runs are stored one by one, as they finish, and read back
 * as a page of metrics, details for the best (what the trader looks at first) — any other run's
 * in full by rank.
 */
export interface BacktestStore {
  /**
   * The header and every run given (their order is the ranking). With `onlyIf`, the header is
   * written only while the stored one has that status: false when it had another.
   */
  save(run: BacktestRun, onlyIf?: BacktestStatus): Promise<boolean>;
  /**
   * Adds finished runs of a backtest (by their number; several writers may add at once). False
   * when it is no longer running (canceled): the writer should stop.
   */
  addRuns(accountId: string, backtestId: string, rows: readonly Record<string, unknown>[]): Promise<boolean>;
  /** Every stored run's metrics (no details), unordered: what a ranking at the end reads. */
  summaries(accountId: string, backtestId: string): Promise<Record<string, unknown>[]>;
  /** The backtest without its runs (status, request, progress as stored): one item read, whatever its size. */
  getHeader(accountId: string, backtestId: string): Promise<BacktestRun | null>;
  /** A page of the runs' metrics, best first; the best run with its trades and equity. */
  get(accountId: string, backtestId: string, page?: RunsPage): Promise<BacktestRun | null>;
  /** One run in full, by rank (1 = best). */
  getRun(accountId: string, backtestId: string, rank: number): Promise<Record<string, unknown> | null>;
  /** Cancels a queued or running backtest; the backtest as it is after (null: there is none). */
  cancel(accountId: string, backtestId: string, at: string): Promise<BacktestRun | null>;
}

export const DEFAULT_RUNS_PAGE: RunsPage = { offset: 0, limit: 100 };

export function withoutDetails(run: Record<string, unknown>): Record<string, unknown> {
  const summary = { ...run };
  for (const field of DETAIL_FIELDS) delete summary[field];
  return summary;
}

/** A run's score for the ranking: its `rankBy` metric, the lowest when it has none. */
export function scoreOf(run: Record<string, unknown>, metric: RankBy): number {
  const value = (run.performance as Record<string, number | null> | undefined)?.[metric];
  return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
}

/**
 * Rows best first: in the stored ranking's order when there is one (a finished backtest),
 * otherwise by the request's metric (the runs so far of one still running), ties by number.
 */
export function rankedRows(
  rows: readonly Record<string, unknown>[],
  order: readonly number[] | undefined,
  rankBy: RankBy,
): Record<string, unknown>[] {
  if (order) {
    const position = new Map(order.map((number, index) => [number, index]));
    const at = (row: Record<string, unknown>) => position.get(Number(row.number)) ?? Number.MAX_SAFE_INTEGER;
    return [...rows].sort((a, b) => at(a) - at(b) || Number(a.number) - Number(b.number));
  }
  return [...rows].sort(
    (a, b) => scoreOf(b, rankBy) - scoreOf(a, rankBy) || Number(a.number) - Number(b.number),
  );
}

/** The rank metric a stored request asked for (sharpe when it named none). */
export function rankByOf(request: Record<string, unknown>): RankBy {
  return (request.rankBy as RankBy | undefined) ?? 'sharpe';
}

/** The progress a read answers: the runs stored are the runs done. */
export function progressOf(
  header: Pick<BacktestRun, 'progress'>,
  stored: number,
): Pick<BacktestRun, 'progress'> {
  return header.progress ? { progress: { ...header.progress, done: stored } } : {};
}
