import { describe, expect, it } from 'vitest';
import { gridSize, rangeValues, searchCombinations } from '../../../lib/core/backtest/parameter-search';

describe('parameter search', () => {
  it('steps a range from its start to its end, both included, without float noise', () => {
    expect(rangeValues({ from: 5, to: 20, step: 5 })).toEqual([5, 10, 15, 20]);
    expect(rangeValues({ from: 0.1, to: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues({ from: 3, to: 5 })).toEqual([3, 4, 5]);
    expect(rangeValues({ from: 5, to: 3 })).toEqual([]);
  });

  it('lists every combination of a grid, the last parameter varying fastest', () => {
    const space = { fast: [5, 10], slow: { from: 20, to: 40, step: 10 } };
    expect(gridSize(space)).toBe(6);
    expect(searchCombinations(space)).toEqual([
      { fast: 5, slow: 20 },
      { fast: 5, slow: 30 },
      { fast: 5, slow: 40 },
      { fast: 10, slow: 20 },
      { fast: 10, slow: 30 },
      { fast: 10, slow: 40 },
    ]);
  });

  it('draws distinct combinations of the grid at random, the same ones for the same seed', () => {
    const space = { fast: { from: 2, to: 50 }, slow: { from: 60, to: 200, step: 5 } };
    const draw = searchCombinations(space, { method: 'random', samples: 100, seed: 7 });
    expect(draw).toHaveLength(100);
    expect(new Set(draw.map((c) => JSON.stringify(c))).size).toBe(100);
    const grid = new Set(searchCombinations(space).map((c) => JSON.stringify(c)));
    expect(draw.every((c) => grid.has(JSON.stringify(c)))).toBe(true);
    expect(searchCombinations(space, { method: 'random', samples: 100, seed: 7 })).toEqual(draw);
    expect(searchCombinations(space, { method: 'random', samples: 100, seed: 8 })).not.toEqual(draw);
    // Asking for at least the grid's size is the grid.
    expect(searchCombinations({ fast: [1, 2] }, { method: 'random', samples: 5, seed: 1 })).toEqual([
      { fast: 1 },
      { fast: 2 },
    ]);
  });
});
