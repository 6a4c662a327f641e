import {
  type BacktestRun,
  type BacktestStatus,
  type BacktestStore,
  DEFAULT_RUNS_PAGE,
  progressOf,
  rankByOf,
  rankedRows,
  type RunsPage,
  withoutDetails,
} from '../../app/ports/backtest-store';

interface Stored {
  header: Omit<BacktestRun, 'runs'>;
  rows: Map<number, Record<string, unknown>>;
  order?: number[];
}

/** Backtests in memory, answering as DynamoDbBacktestStore does (a page of metrics, details for the best). */
export class InMemoryBacktestStore implements BacktestStore {
  private readonly backtests = new Map<string, Stored>();

  async save(run: BacktestRun, onlyIf?: BacktestStatus): Promise<boolean> {
    const { runs, runCount: _count, ...header } = structuredClone(run);
    const stored = this.backtests.get(key(run.accountId, run.backtestId));
    if (onlyIf && stored?.header.status !== onlyIf) return false;
    const rows = stored?.rows ?? new Map<number, Record<string, unknown>>();
    runs.forEach((row, index) => {
      const number = typeof row.number === 'number' ? row.number : index + 1;
      rows.set(number, { ...(rows.get(number) ?? {}), ...row, number });
    });
    this.backtests.set(key(run.accountId, run.backtestId), {
      header,
      rows,
      order: runs.length > 0 ? runs.map((row, index) => Number(row.number ?? index + 1)) : stored?.order,
    });
    return true;
  }

  async addRuns(accountId: string, backtestId: string, rows: readonly Record<string, unknown>[]) {
    const stored = this.backtests.get(key(accountId, backtestId));
    if (!stored) return false;
    for (const row of structuredClone(rows)) stored.rows.set(Number(row.number), row);
    return stored.header.status === 'running';
  }

  async summaries(accountId: string, backtestId: string) {
    const stored = this.backtests.get(key(accountId, backtestId));
    return stored ? [...stored.rows.values()].map((row) => withoutDetails(structuredClone(row))) : [];
  }

  async getHeader(accountId: string, backtestId: string) {
    const stored = this.backtests.get(key(accountId, backtestId));
    return stored ? { ...structuredClone(stored.header), runs: [] } : null;
  }

  async get(accountId: string, backtestId: string, page: RunsPage = DEFAULT_RUNS_PAGE) {
    const stored = this.backtests.get(key(accountId, backtestId));
    if (!stored) return null;
    const ranked = rankedRows([...stored.rows.values()], stored.order, rankByOf(stored.header.request));
    const runs = ranked
      .slice(page.offset, page.offset + page.limit)
      .map((row, index) => structuredClone(index === 0 && page.offset === 0 ? row : withoutDetails(row)));
    return {
      ...structuredClone(stored.header),
      ...progressOf(stored.header, ranked.length),
      runCount: ranked.length,
      runs,
    };
  }

  async getRun(accountId: string, backtestId: string, rank: number) {
    const stored = this.backtests.get(key(accountId, backtestId));
    if (!stored) return null;
    const row = rankedRows([...stored.rows.values()], stored.order, rankByOf(stored.header.request))[
      rank - 1
    ];
    return row ? structuredClone(row) : null;
  }

  async cancel(accountId: string, backtestId: string, at: string) {
    const stored = this.backtests.get(key(accountId, backtestId));
    if (!stored) return null;
    if (stored.header.status === 'queued' || stored.header.status === 'running')
      stored.header = { ...stored.header, status: 'canceled', finishedAt: at };
    return this.get(accountId, backtestId);
  }
}

function key(accountId: string, backtestId: string): string {
  return `${accountId}#${backtestId}`;
}
