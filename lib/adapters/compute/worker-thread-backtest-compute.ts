import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { computeRuns } from '../../app/backtest/compute-runs';
import type { BacktestComputation, BacktestCompute } from '../../app/ports/backtest-jobs';
import { DomainError, type ErrorKind, type FieldProblem } from '../../core/errors';

const ROLE = 'stratus-backtest-compute';

type Outcome =
  | { ok: true; runs: Record<string, unknown>[] }
  | {
      ok: false;
      error: { name: string; message: string; code?: string; kind?: ErrorKind; details?: FieldProblem[] };
    };

// In a worker this module serves one computation and posts the outcome back. The worker runs
// this very file (in a deployed bundle: the bundle, which contains it), so no second entry point.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const { computation } = workerData as { computation: BacktestComputation };
  let outcome: Outcome;
  try {
    outcome = { ok: true, runs: computeRuns(computation) };
  } catch (error) {
    const failure = error as Error;
    outcome = {
      ok: false,
      error:
        error instanceof DomainError
          ? {
              name: failure.name,
              message: failure.message,
              code: error.code,
              kind: error.kind,
              details: [...(error.details ?? [])],
            }
          : { name: failure.name, message: failure.message },
    };
  }
  parentPort!.postMessage(outcome);
}

/**
 * Runs each backtest's compute on a worker thread of its own, so the thread that answers
 * requests never waits behind one (on the local host every function shares one event loop; in
 * Lambda the runner's thread stays free to report). The worker's heap is capped: a sweep that
 * outgrows it fails alone, with a message, instead of taking the process down.
 */
export class WorkerThreadBacktestCompute implements BacktestCompute {
  constructor(private readonly maxHeapMb: number) {}

  run(computation: BacktestComputation): Promise<Record<string, unknown>[]> {
    const entry = import.meta.url;
    const typescript = entry.endsWith('.ts');
    const worker = new Worker(typescript ? new URL('./typescript-worker.mjs', entry) : new URL(entry), {
      workerData: { role: ROLE, computation, entry },
      // None of the parent's flags: a runtime's or a test runner's are not all valid in a worker.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
    });
    return new Promise((resolve, reject) => {
      let settled = false;
      worker.once('message', (outcome: Outcome) => {
        settled = true;
        void worker.terminate();
        if (outcome.ok) resolve(outcome.runs);
        else reject(revived(outcome.error));
      });
      worker.once('error', (error: Error & { code?: string }) => {
        settled = true;
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DomainError(
                'BACKTEST_OUT_OF_MEMORY',
                `The backtest needed more than ${this.maxHeapMb} MB; run fewer combinations or fewer bars`,
                'unprocessable',
              )
            : error,
        );
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`the backtest worker exited with code ${code} before answering`));
      });
    });
  }
}

function revived(error: Extract<Outcome, { ok: false }>['error']): Error {
  if (error.code && error.kind) return new DomainError(error.code, error.message, error.kind, error.details);
  const revivedError = new Error(error.message);
  revivedError.name = error.name;
  return revivedError;
}
