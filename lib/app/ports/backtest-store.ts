/** A stored backtest: the request and one row per parameter combination, best first. */
export interface BacktestRun {
  backtestId: string;
  accountId: string;
  /** queued → running → completed | failed (the runner's progress; see runQueuedBacktest). */
  status: 'queued' | 'running' | 'completed' | 'failed';
  createdAt: string;
  createdBy: string;
  startedAt?: string;
  finishedAt?: string;
  request: Record<string, unknown>;
  /**
   * One row per parameter combination (one without a sweep), best first: metrics and trade
   * statistics, and — where the store was asked for them — `trades` and `equity` (DETAIL_FIELDS).
   */
  runs: Record<string, unknown>[];
  /** Why a failed backtest failed. */
  error?: { code: string; message: string };
}

/** The bulky fields of a run: its trades and equity curve, read on demand. */
export const DETAIL_FIELDS = ['trades', 'equity'] as const;

/**
 * Backtests. A sweep of hundreds of combinations is far larger than one DynamoDB item (400 KB)
 * or one Lambda response (6 MB), so runs are stored one by one and read back as metrics for
 * all, details for the best (what the trader looks at first) — any other run's in full by rank.
 */
export interface BacktestStore {
  save(run: BacktestRun): Promise<void>;
  /** Every run's metrics, best first; the best run with its trades and equity. */
  get(accountId: string, backtestId: string): Promise<BacktestRun | null>;
  /** One run in full, by rank (1 = best). */
  getRun(accountId: string, backtestId: string, rank: number): Promise<Record<string, unknown> | null>;
}

/** The runs as `get` answers them: every run's metrics, the details of the best only. */
export function detailsOfBestOnly(runs: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return runs.map((run, index) => (index === 0 ? run : withoutDetails(run)));
}

export function withoutDetails(run: Record<string, unknown>): Record<string, unknown> {
  const summary = { ...run };
  for (const field of DETAIL_FIELDS) delete summary[field];
  return summary;
}
