import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { barsOf, computeRun } from '../../app/backtest/compute-runs';
import { computeWalkForward } from '../../app/backtest/compute-walk-forward';
import type {
  BacktestComputation,
  BacktestCompute,
  ComputeOptions,
  ComputedRun,
  WalkForwardPlan,
  WalkForwardReport,
} from '../../app/ports/backtest-jobs';
import { DomainError, type ErrorKind, type FieldProblem } from '../../core/errors';

const ROLE = 'stratus-backtest-compute';

type WorkerError = {
  name: string;
  message: string;
  code?: string;
  kind?: ErrorKind;
  details?: FieldProblem[];
};
type Outcome =
  | { ok: true; computed: ComputedRun }
  | { ok: true; report: WalkForwardReport }
  | { ok: false; error: WorkerError };

// In a worker this module serves one computation: it makes the bars once, then runs each
// combination number it is sent and posts the run back. The worker runs this very file (in a
// deployed bundle: the bundle, which contains it), so no second entry point.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const { computation } = workerData as { computation: BacktestComputation };
  let data: ReturnType<typeof barsOf> | undefined;
  parentPort!.on('message', (message: number | { walkForward: WalkForwardPlan }) => {
    let outcome: Outcome;
    try {
      if (typeof message === 'number') {
        data ??= barsOf(computation);
        outcome = { ok: true, computed: computeRun(computation, data, message) };
      } else {
        outcome = { ok: true, report: computeWalkForward(computation, message.walkForward) };
      }
    } catch (error) {
      outcome = { ok: false, error: plain(error) };
    }
    parentPort!.postMessage(outcome);
  });
}

/**
 * Runs a backtest's combinations on worker threads — as many as the machine has cores, each
 * handed the next combination when it finishes one — so the thread that answers requests never
 * waits behind a sweep and a sweep uses every core. Each run is the same pure computeRun on any
 * worker: the results do not depend on how many there are (only the order they finish in).
 * The workers share the heap budget: a run that outgrows its share fails the computation with a
 * message instead of taking the process down.
 */
export class WorkerThreadBacktestCompute implements BacktestCompute {
  constructor(
    private readonly maxHeapMb: number,
    private readonly workers: number = availableParallelism(),
  ) {}

  run(given: BacktestComputation, options: ComputeOptions = {}): Promise<ComputedRun[]> {
    const computation = shared(given);
    const numbers = options.numbers ?? computation.parameterSets.map((_, i) => i + 1);
    const count = Math.max(1, Math.min(this.workers, numbers.length));
    const heapMb = Math.max(16, Math.floor(this.maxHeapMb / count));
    const pool: Worker[] = [];
    const done: ComputedRun[] = [];
    let next = 0;
    return new Promise<ComputedRun[]>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        for (const worker of pool) void worker.terminate();
        if (error) reject(error);
        else resolve(done);
      };
      if (numbers.length === 0) return finish();
      if (options.signal?.aborted) return finish(canceled());
      options.signal?.addEventListener('abort', () => finish(canceled()), { once: true });
      const feed = (worker: Worker) => {
        if (next < numbers.length) worker.postMessage(numbers[next++]);
        else if (done.length === numbers.length) finish();
      };
      for (let i = 0; i < count; i++) {
        const worker = this.start(computation, heapMb, finish);
        pool.push(worker);
        worker.on('message', (outcome: Outcome) => {
          if (settled) return;
          if (!outcome.ok) return finish(revived(outcome.error));
          if (!('computed' in outcome)) return finish(new Error('a run was answered with a walk-forward'));
          done.push(outcome.computed);
          try {
            options.onRun?.(outcome.computed);
          } catch (error) {
            return finish(error as Error);
          }
          feed(worker);
        });
        feed(worker);
      }
    });
  }

  /** A walk-forward on one worker (its windows depend on each other's capital: one after another). */
  walkForward(computation: BacktestComputation, plan: WalkForwardPlan): Promise<WalkForwardReport> {
    return new Promise<WalkForwardReport>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null, report?: WalkForwardReport) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        if (error) reject(error);
        else resolve(report!);
      };
      const worker = this.start(shared(computation), this.maxHeapMb, finish);
      worker.on('message', (outcome: Outcome) => {
        if (!outcome.ok) finish(revived(outcome.error));
        else if ('report' in outcome) finish(null, outcome.report);
        else finish(new Error('a walk-forward was answered with a run'));
      });
      worker.postMessage({ walkForward: plan });
    });
  }

  /** A worker on this module for the computation; `fail` hears of its crash, running out of heap, or exit. */
  private start(computation: BacktestComputation, heapMb: number, fail: (error: Error) => void): Worker {
    const entry = import.meta.url;
    const typescript = entry.endsWith('.ts');
    const worker = new Worker(typescript ? new URL('./typescript-worker.mjs', entry) : new URL(entry), {
      workerData: { role: ROLE, computation, entry },
      // None of the parent's flags: a runtime's or a test runner's are not all valid in a worker.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    worker.once('error', (error: Error & { code?: string }) =>
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(this.maxHeapMb) : error),
    );
    worker.once('exit', (code) =>
      fail(new Error(`a backtest worker exited with code ${code} before answering`)),
    );
    return worker;
  }
}

/**
 * The computation with its bars in shared memory: every worker reads the same columns, none
 * copied (a million bars are 48 MB; cloned into each worker they were most of a sweep's start).
 */
function shared(computation: BacktestComputation): BacktestComputation {
  if (!('series' in computation.data)) return computation;
  const columns = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
  const series = computation.data.series.map((one) => {
    const copy = { ...one };
    for (const column of columns) {
      if (one[column].buffer instanceof SharedArrayBuffer) continue;
      const view = new Float64Array(
        new SharedArrayBuffer(one[column].length * Float64Array.BYTES_PER_ELEMENT),
      );
      view.set(one[column]);
      copy[column] = view;
    }
    return copy;
  });
  return { ...computation, data: { series } };
}

function outOfMemory(maxHeapMb: number): DomainError {
  return new DomainError(
    'BACKTEST_OUT_OF_MEMORY',
    `A run needed more than its share of ${maxHeapMb} MB; run fewer bars`,
    'unprocessable',
  );
}

function canceled(): DomainError {
  return new DomainError('BACKTEST_CANCELED', 'The backtest was canceled', 'conflict');
}

function plain(error: unknown): WorkerError {
  const failure = error as Error;
  return error instanceof DomainError
    ? {
        name: failure.name,
        message: failure.message,
        code: error.code,
        kind: error.kind,
        details: [...(error.details ?? [])],
      }
    : { name: failure.name, message: failure.message };
}

function revived(error: WorkerError): Error {
  if (error.code && error.kind) return new DomainError(error.code, error.message, error.kind, error.details);
  const revivedError = new Error(error.message);
  revivedError.name = error.name;
  return revivedError;
}
