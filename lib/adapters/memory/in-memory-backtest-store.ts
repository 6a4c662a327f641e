import { type BacktestRun, type BacktestStore, detailsOfBestOnly } from '../../app/ports/backtest-store';

/** Backtests in memory, answering as DynamoDbBacktestStore does (details for the best run only). */
export class InMemoryBacktestStore implements BacktestStore {
  private readonly runs = new Map<string, BacktestRun>();

  async save(run: BacktestRun): Promise<void> {
    this.runs.set(`${run.accountId}#${run.backtestId}`, structuredClone(run));
  }

  async get(accountId: string, backtestId: string): Promise<BacktestRun | null> {
    const run = this.runs.get(`${accountId}#${backtestId}`);
    if (!run) return null;
    const copy = structuredClone(run); // one copy: nothing the caller changes reaches the store
    return { ...copy, runs: detailsOfBestOnly(copy.runs) };
  }

  async getRun(accountId: string, backtestId: string, rank: number): Promise<Record<string, unknown> | null> {
    const run = this.runs.get(`${accountId}#${backtestId}`)?.runs[rank - 1];
    return run ? structuredClone(run) : null;
  }
}
