import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog';
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
