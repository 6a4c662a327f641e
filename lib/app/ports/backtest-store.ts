/** A stored backtest run (results kept small enough for one item: trades capped, equity downsampled). */
export interface BacktestRun {
  backtestId: string;
  accountId: string;
  status: 'completed' | 'failed';
  createdAt: string;
  createdBy: string;
  request: Record<string, unknown>;
  /** One row per parameter combination (one without a sweep), best first. */
  runs: Record<string, unknown>[];
  error?: string;
}

export interface BacktestStore {
  save(run: BacktestRun): Promise<void>;
  get(accountId: string, backtestId: string): Promise<BacktestRun | null>;
}
