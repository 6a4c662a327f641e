import type { BacktestJob, ComputedRun } from '../ports/backtest-jobs';
import type { BacktestStore } from '../ports/backtest-store';

/** Runs written together: a few DynamoDB batch writes, and the progress counted once for them. */
const BATCH = 10;

/**
 * Stores a backtest's runs as they finish, a batch at a time in the order they came, one write
 * in flight. Each run keeps the moments its deflated Sharpe needs at the end. When the store
 * says the backtest is no longer running (a trader canceled it), `signal` aborts: the compute
 * stops at once.
 */
export class ProgressWriter {
  private readonly controller = new AbortController();
  private pending: Record<string, unknown>[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: BacktestStore,
    private readonly job: BacktestJob,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  add(computed: ComputedRun): void {
    this.pending.push({ ...computed.run, number: computed.number, moments: computed.moments });
    if (this.pending.length >= BATCH) this.write();
  }

  /** Writes what is pending and resolves when every write has ended (rejects with the first that failed). */
  flushed(): Promise<void> {
    this.write();
    return this.chain;
  }

  private write(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.chain = this.chain.then(async () => {
      const running = await this.store.addRuns(this.job.accountId, this.job.backtestId, rows);
      if (!running) this.controller.abort();
    });
  }
}
