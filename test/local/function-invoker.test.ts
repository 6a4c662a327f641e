import { describe, expect, it, vi } from 'vitest';
import { FUNCTIONS } from '../../lib/platform/function-catalog';
import { currentFunctionScope } from '../../lib/platform/function-scope';
import { FunctionInvoker } from '../../lib/local/function-invoker';

describe('the local function invoker', () => {
  it('loads every function of the catalog ahead of its first call, each exporting a handler', async () => {
    const invoker = new FunctionInvoker();
    const loading = invoker.preloadAll();
    await expect(loading).resolves.toBeUndefined();
    // Loaded means the first call does not load again: the same handler, already settled.
    for (const name of Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) {
      expect(invoker.isLoaded(name)).toBe(true);
    }
  });
});

describe('the local function invoker keeps Lambda’s limits and containers', () => {
  it('fails an invocation whose response passes 6 MB', async () => {
    const invoker = new FunctionInvoker(undefined, 'warm', async () => async () => ({
      blob: 'x'.repeat(7 * 1024 * 1024),
    }));
    await expect(invoker.invoke('system', {})).rejects.toThrow(/exceeded maximum allowed payload size/);
  });

  it('fails an invocation that outlasts the function’s timeout', async () => {
    vi.useFakeTimers();
    try {
      const invoker = new FunctionInvoker(undefined, 'warm', async () => () => new Promise(() => undefined));
      const invocation = invoker.invoke('postAuthentication', {}); // a 5 s timeout
      const outcome = expect(invocation).rejects.toThrow('Task timed out after 5.00 seconds');
      await vi.advanceTimersByTimeAsync(5_000);
      await outcome;
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs a function with a local concurrency one invocation at a time, each timed from its start', async () => {
    vi.useFakeTimers();
    try {
      const events: string[] = [];
      // sweepWorker: localConcurrency 1, timeout 900 s; each invocation works 600 s.
      const invoker = new FunctionInvoker(undefined, 'warm', async () => async (event: unknown) => {
        events.push(`start ${String(event)}`);
        await new Promise((resolve) => setTimeout(resolve, 600_000));
        events.push(`end ${String(event)}`);
        return event;
      });
      const both = Promise.all([invoker.invoke('sweepWorker', 'a'), invoker.invoke('sweepWorker', 'b')]);
      await vi.advanceTimersByTimeAsync(1_200_000);
      // The second waited 600 s for its turn and still had its whole 900 s: no timeout.
      await expect(both).resolves.toEqual(['a', 'b']);
      expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['warm', 1],
    ['cold', 3],
  ] as const)(
    'gives each function its own container, %s: %i environments for three calls',
    async (reuse, expected) => {
      const seen = new Set<NodeJS.ProcessEnv>();
      const invoker = new FunctionInvoker(
        (name) => ({ FUNCTION: name }),
        reuse,
        async () => async () => {
          seen.add(currentFunctionScope()!.env);
          return currentFunctionScope()!.env.FUNCTION;
        },
      );
      for (let call = 0; call < 3; call++) expect(await invoker.invoke('orders', {})).toBe('orders');
      expect(await invoker.invoke('risk', {})).toBe('risk');
      expect(seen.size).toBe(expected + 1);
    },
  );
});
