import { barsOf, computeRun } from '../../lib/app/backtest/compute-runs';
import { computeWalkForward } from '../../lib/app/backtest/compute-walk-forward';
import type { BacktestCompute, ComputedRun } from '../../lib/app/ports/backtest-jobs';
import { DomainError } from '../../lib/core/errors';

/**
 * The compute on the caller's thread, one combination after another, calling `onRun` after each
 * and yielding between them (so a cancel written meanwhile is seen): what the worker pool does,
 * without threads, for use-case tests.
 */
export function inlineCompute(): BacktestCompute {
  return {
    async run(computation, options = {}) {
      const data = barsOf(computation);
      const done: ComputedRun[] = [];
      for (const number of options.numbers ?? computation.parameterSets.map((_, i) => i + 1)) {
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted)
          throw new DomainError('BACKTEST_CANCELED', 'The backtest was canceled', 'conflict');
        const computed = computeRun(computation, data, number);
        done.push(computed);
        options.onRun?.(computed);
      }
      return done;
    },
    async walkForward(computation, plan) {
      return computeWalkForward(computation, plan);
    },
  };
}
