import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BacktestRun, BacktestStore } from '../../lib/app/ports/backtest-store';

/** A run row as the runner stores it: metrics, and details (trades, equity) when `details`. */
function row(number: number, sharpe: number, details = true): Record<string, unknown> {
  return {
    number,
    parameters: { fast_period: number },
    performance: { sharpe, totalReturn: sharpe / 10 },
    ...(details
      ? { trades: [{ pnl: number }], equity: [['2026-01-02T21:00:00.000Z', 100_000 + number]] }
      : {}),
  };
}

function header(status: BacktestRun['status'], total = 0): BacktestRun {
  return {
    backtestId: `bt-${randomUUID().slice(0, 12)}`,
    accountId: `acct-${randomUUID().slice(0, 8)}`,
    status,
    createdAt: '2026-12-07T15:00:00.000Z',
    createdBy: 'trader-1',
    request: { type: 'ma_crossover', rankBy: 'sharpe' },
    ...(total > 0 ? { progress: { done: 0, total } } : {}),
    runs: [],
  };
}

/** What every BacktestStore must do, whatever keeps the backtests. */
export function backtestStoreContract(name: string, make: () => Promise<BacktestStore>): void {
  describe(`BacktestStore: ${name}`, () => {
    it('answers the runs of a running backtest best so far, with progress, as writers add them', async () => {
      const store = await make();
      const run = header('running', 5);
      await store.save(run);
      // Two writers at once, as a sweep's Lambda invocations write.
      expect(
        await Promise.all([
          store.addRuns(run.accountId, run.backtestId, [row(1, 0.5), row(2, 1.5)]),
          store.addRuns(run.accountId, run.backtestId, [row(4, 0.9)]),
        ]),
      ).toEqual([true, true]);
      const read = await store.get(run.accountId, run.backtestId);
      expect(read).toMatchObject({ status: 'running', progress: { done: 3, total: 5 }, runCount: 3 });
      expect(read!.runs.map((r) => r.number)).toEqual([2, 4, 1]);
      // The best carries its details; the others their metrics only.
      expect(read!.runs[0]).toHaveProperty('trades');
      expect(read!.runs[1]).not.toHaveProperty('trades');
      // The header alone: status and progress as stored, no run read.
      expect(await store.getHeader(run.accountId, run.backtestId)).toMatchObject({
        status: 'running',
        progress: { done: 0, total: 5 },
        runs: [],
      });
      expect(await store.getHeader(run.accountId, 'bt-000000000000')).toBeNull();
      expect((await store.summaries(run.accountId, run.backtestId)).map((r) => r.number).sort()).toEqual([
        1, 2, 4,
      ]);
    });

    it('keeps the ranking it is saved with, pages it, and reads any run in full by rank', async () => {
      const store = await make();
      const run = header('running', 4);
      await store.save(run);
      await store.addRuns(run.accountId, run.backtestId, [row(1, 1), row(2, 2), row(3, 3), row(4, 4)]);
      // Ranked by another rule than the metric (as total return might rank them): 3, 1, 4, 2.
      const ranked = [3, 1, 4, 2].map((n) => row(n, n, false));
      expect(await store.save({ ...run, status: 'completed', runs: ranked }, 'running')).toBe(true);
      const page = await store.get(run.accountId, run.backtestId, { offset: 1, limit: 2 });
      expect(page!.runs.map((r) => r.number)).toEqual([1, 4]);
      expect(page!.runs[0]).not.toHaveProperty('trades');
      expect(page!.runCount).toBe(4);
      // Saved without details, the details written as the runs finished are still there.
      expect(await store.getRun(run.accountId, run.backtestId, 3)).toMatchObject({
        number: 4,
        trades: [{ pnl: 4 }],
      });
      expect(await store.getRun(run.accountId, run.backtestId, 5)).toBeNull();
    });

    it('cancels a queued or running backtest once; a writer then learns it should stop', async () => {
      const store = await make();
      const run = header('running', 3);
      await store.save(run);
      expect(await store.cancel(run.accountId, run.backtestId, '2026-12-07T15:01:00.000Z')).toMatchObject({
        status: 'canceled',
        finishedAt: '2026-12-07T15:01:00.000Z',
      });
      expect(await store.addRuns(run.accountId, run.backtestId, [row(1, 1)])).toBe(false);
      // Completing it is refused now: the cancel stands.
      expect(await store.save({ ...run, status: 'completed' }, 'running')).toBe(false);
      expect(await store.cancel(run.accountId, run.backtestId, 'later')).toMatchObject({
        status: 'canceled',
        finishedAt: '2026-12-07T15:01:00.000Z',
      });
      expect(await store.cancel(run.accountId, 'bt-000000000000', 'later')).toBeNull();
    });

    it('answers null for a backtest it does not have', async () => {
      const store = await make();
      expect(await store.get('acct-none', 'bt-000000000000')).toBeNull();
      expect(await store.getRun('acct-none', 'bt-000000000000', 1)).toBeNull();
    });
  });
}
