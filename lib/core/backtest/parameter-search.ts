import { mulberry32 } from '../random';

/** The values one parameter takes in a sweep: a list, or a range stepped from `from` to `to` (both included). */
export type ParameterValues = readonly unknown[] | { from: number; to: number; step?: number };

/** Grid search tries every combination; random search draws `samples` distinct ones (seeded). */
export type SearchMethod = { method: 'grid' } | { method: 'random'; samples: number; seed: number };

/** A range's values: `from`, `from + step`, … up to `to` (a step of 1 when none is given). */
export function rangeValues(range: { from: number; to: number; step?: number }): number[] {
  const step = range.step ?? 1;
  if (!(step > 0) || !(range.to >= range.from)) return [];
  const count = Math.floor((range.to - range.from) / step + 1e-9) + 1;
  // Rounded to the step's decimals: 0.1 + 0.2 is 0.30000000000000004, a parameter is 0.3.
  const decimals = Math.min(12, (String(step).split('.')[1] ?? '').length);
  return Array.from({ length: count }, (_, i) => Number((range.from + i * step).toFixed(decimals)));
}

function valuesOf(values: ParameterValues): readonly unknown[] {
  return Array.isArray(values) ? values : rangeValues(values as { from: number; to: number; step?: number });
}

/** How many combinations the full grid of `space` has (without building it). */
export function gridSize(space: Readonly<Record<string, ParameterValues>>): number {
  return Object.values(space).reduce<number>((size, values) => size * valuesOf(values).length, 1);
}

/**
 * The combinations a search tries, in a fixed order (the same request always gives the same
 * list, so runs split over workers or Lambda invocations are numbered alike everywhere).
 * Random search draws from the grid without repeating a combination; when it asks for as many
 * as the grid has or more, it is the grid.
 */
export function searchCombinations(
  space: Readonly<Record<string, ParameterValues>>,
  search: SearchMethod = { method: 'grid' },
): Record<string, unknown>[] {
  const names = Object.keys(space);
  const lists = names.map((name) => valuesOf(space[name]!));
  const size = gridSize(space);
  if (search.method === 'grid' || search.samples >= size) return gridOf(names, lists);
  const next = mulberry32(search.seed);
  const chosen = new Set<number>();
  while (chosen.size < search.samples) chosen.add(next() % size);
  return [...chosen].map((position) => combinationAt(names, lists, position));
}

function gridOf(names: readonly string[], lists: readonly (readonly unknown[])[]): Record<string, unknown>[] {
  const size = lists.reduce((product, list) => product * list.length, 1);
  return Array.from({ length: size }, (_, position) => combinationAt(names, lists, position));
}

/** The grid's `position`-th combination, the last parameter varying fastest. */
function combinationAt(
  names: readonly string[],
  lists: readonly (readonly unknown[])[],
  position: number,
): Record<string, unknown> {
  const combination: Record<string, unknown> = {};
  let rest = position;
  for (let i = names.length - 1; i >= 0; i--) {
    const list = lists[i]!;
    combination[names[i]!] = list[rest % list.length];
    rest = Math.floor(rest / list.length);
  }
  // Keys in the order the space names them, whatever order they were filled in.
  return Object.fromEntries(names.map((name) => [name, combination[name]]));
}
