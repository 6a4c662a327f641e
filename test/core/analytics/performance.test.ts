import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computePerformance } from '../../../lib/core/analytics';

/*
 * Reference values: empyrical 1.x's formulas re-stated independently in Python with numpy 2.4
 * and SciPy 1.17 (empyrical itself cannot be installed on these machines): empyrical_reference.py
 * beside this file regenerates the JSON (`python3 empyrical_reference.py > empyrical-reference.json`). Non-finite values are stored as the strings "NaN", "Infinity", "-Infinity".
 */
type Value = number | 'NaN' | 'Infinity' | '-Infinity';
const CASES = JSON.parse(
  readFileSync(new URL('./empyrical-reference.json', import.meta.url), 'utf8'),
) as Record<
  string,
  {
    returns: Value[];
    options: { periodsPerYear?: number; riskFreeRate?: number };
    benchmark: number[] | null;
    ref: Record<string, Value | Record<string, Value>>;
  }
>;

const toNumber = (value: Value) =>
  typeof value === 'number' ? value : Number(value === 'NaN' ? Number.NaN : value);

function expectClose(actual: number, expected: Value, label: string) {
  const wanted = toNumber(expected);
  if (!Number.isFinite(wanted)) {
    expect(actual, label).toBe(wanted);
    return;
  }
  const scale = Math.max(Math.abs(wanted), 1e-12);
  expect(Math.abs(actual - wanted) / scale, `${label}: ${actual} vs ${wanted}`).toBeLessThan(1e-8);
}

describe('computePerformance matches empyrical to 1e-8 relative', () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const { returns, options, benchmark, ref } = CASES[name]!;
    const performance = computePerformance(returns.map(toNumber), {
      ...options,
      ...(benchmark ? { benchmark } : {}),
    });
    for (const [key, expected] of Object.entries(ref)) {
      if (key === 'benchmark') continue;
      expectClose(performance[key as keyof typeof performance] as number, expected as Value, key);
    }
    if (ref.benchmark) {
      for (const [key, expected] of Object.entries(ref.benchmark)) {
        expectClose(
          performance.benchmark![key as keyof NonNullable<typeof performance.benchmark>],
          expected,
          `benchmark.${key}`,
        );
      }
    }
  });

  it('refuses a benchmark of another length', () => {
    expect(() => computePerformance([0.01, 0.02], { benchmark: [0.01] })).toThrow(/2/);
  });
});
