import { DomainError } from '../../core/errors';
import type { BacktestJob } from '../ports/backtest-jobs';
import { ProgressWriter } from './progress-writer';
import { type BacktestDependencies, computationOf, finishBacktest, markFailed } from './run-backtest';

type StepDependencies = Pick<BacktestDependencies, 'backtests' | 'history' | 'clock' | 'compute'>;

/**
 * One chunk of a fanned-out sweep: its combinations run on every core of this invocation, each
 * stored as it finishes. A backtest no longer running (canceled, failed) is left alone, and a
 * cancel seen on the way stops the chunk. Retried chunks rewrite the same runs (by number).
 */
export async function runSweepChunk(
  deps: StepDependencies,
  job: BacktestJob,
  chunk: { from: number; to: number },
): Promise<{ done: number }> {
  const header = await deps.backtests.getHeader(job.accountId, job.backtestId);
  if (header?.status !== 'running') return { done: 0 };
  const computation = await computationOf(deps, header);
  const numbers = Array.from({ length: chunk.to - chunk.from + 1 }, (_, i) => chunk.from + i);
  const writer = new ProgressWriter(deps.backtests, job);
  try {
    const runs = await deps.compute.run(computation, {
      numbers,
      onRun: (computed) => writer.add(computed),
      signal: writer.signal,
    });
    await writer.flushed();
    return { done: runs.length };
  } catch (error) {
    await writer.flushed().catch(() => undefined);
    if (error instanceof DomainError && error.code === 'BACKTEST_CANCELED') return { done: 0 };
    throw error;
  }
}

/** The sweep's last step: every run ranked; a sweep canceled meanwhile is kept canceled. */
export async function finishSweep(deps: StepDependencies, job: BacktestJob): Promise<void> {
  const header = await deps.backtests.getHeader(job.accountId, job.backtestId);
  if (header?.status !== 'running' && header?.status !== 'canceled') return;
  await finishBacktest(deps, header, header.status === 'running' ? 'completed' : 'canceled');
}

/** A chunk or the ranking failed after its retries: the backtest says so (the runs stay stored). */
export async function failSweep(deps: StepDependencies, job: BacktestJob): Promise<void> {
  const header = await deps.backtests.getHeader(job.accountId, job.backtestId);
  if (header?.status !== 'running') return;
  await markFailed(
    deps,
    header,
    { code: 'SWEEP_FAILED', message: 'A part of the sweep failed after its retries. It has been logged.' },
    'running',
  );
}
