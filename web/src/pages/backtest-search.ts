import { field, h, row, table } from '../dom';
import { numberOf, valueOf } from '../forms';
import { pct, ratio } from '../format';
import type { ParameterSchema } from '../schema-form';
import type { BacktestRun } from '../types';

/** What a backtest form can ask besides one run: a sweep of up to two parameters, or a walk-forward of it. */
export interface SearchFields {
  element: HTMLElement;
  /** Redraws the parameter choices for a strategy type's schema. */
  setSchema(schema: ParameterSchema): void;
  /** The request's sweep, search, rank_by and walk_forward fields (none for a single run). */
  read(form: HTMLFormElement): Record<string, unknown>;
}

const RANK_BY: [string, string][] = [
  ['sharpe', 'Sharpe'],
  ['sortino', 'Sortino'],
  ['calmar', 'Calmar'],
  ['total_return', 'Total return'],
];

export function searchFields(): SearchFields {
  const mode = h(
    'select',
    { name: 'run_mode' },
    h('option', { value: 'single' }, 'One run'),
    h('option', { value: 'sweep' }, 'Parameter sweep'),
    h('option', { value: 'walk_forward' }, 'Walk-forward of a sweep'),
  );
  const axisSelects = [1, 2].map((n) =>
    h('select', { name: `sweep_name_${n}`, 'aria-label': `Swept parameter ${n}` }),
  );
  const axis = (n: number) =>
    h(
      'div',
      { class: 'grid' },
      field(`Parameter ${n}`, axisSelects[n - 1]!),
      field('From', h('input', { name: `sweep_from_${n}`, type: 'number', step: 'any' })),
      field('To', h('input', { name: `sweep_to_${n}`, type: 'number', step: 'any' })),
      field('Step', h('input', { name: `sweep_step_${n}`, type: 'number', step: 'any', min: 0 })),
    );
  const sweep = h(
    'fieldset',
    { hidden: true, class: 'sweep-fields' },
    h('legend', {}, 'Sweep'),
    axis(1),
    axis(2),
    h(
      'div',
      { class: 'grid' },
      field(
        'Random samples',
        h('input', { name: 'samples', type: 'number', min: 1, max: 10000, step: 1 }),
        'Blank: every combination (a grid); a number: that many drawn at random',
      ),
      field(
        'Rank by',
        h('select', { name: 'rank_by' }, ...RANK_BY.map(([value, label]) => h('option', { value }, label))),
      ),
    ),
  );
  const walk = h(
    'fieldset',
    { hidden: true, class: 'walk-forward-fields' },
    h('legend', {}, 'Walk-forward'),
    h(
      'div',
      { class: 'grid' },
      field(
        'In-sample bars',
        h('input', { name: 'in_sample', type: 'number', min: 20, step: 1, value: 504 }),
      ),
      field(
        'Out-of-sample bars',
        h('input', { name: 'out_of_sample', type: 'number', min: 1, step: 1, value: 126 }),
      ),
      field(
        'Windows',
        h(
          'select',
          { name: 'wf_mode' },
          h('option', { value: 'rolling' }, 'Rolling'),
          h('option', { value: 'anchored' }, 'Anchored'),
        ),
      ),
    ),
  );
  mode.addEventListener('change', () => {
    sweep.hidden = mode.value === 'single';
    walk.hidden = mode.value !== 'walk_forward';
  });
  return {
    element: h('div', {}, field('Run', mode), sweep, walk),
    setSchema(schema) {
      const numeric = Object.entries(schema.properties ?? {}).filter(
        ([, property]) => property.type === 'integer' || property.type === 'number',
      );
      axisSelects.forEach((select, index) => {
        select.replaceChildren(
          ...(index === 1 ? [h('option', { value: '' }, '—')] : []),
          ...numeric.map(([name]) => h('option', { value: name }, name)),
        );
        select.value = index === 1 ? (numeric[1]?.[0] ?? '') : (numeric[0]?.[0] ?? '');
      });
    },
    read(form) {
      const runMode = valueOf(form, 'run_mode');
      if (runMode === 'single') return {};
      const sweepValues: Record<string, unknown> = {};
      for (const n of [1, 2]) {
        const name = valueOf(form, `sweep_name_${n}`);
        if (!name) continue;
        const step = numberOf(form, `sweep_step_${n}`);
        sweepValues[name] = {
          from: numberOf(form, `sweep_from_${n}`),
          to: numberOf(form, `sweep_to_${n}`),
          ...(step === undefined ? {} : { step }),
        };
      }
      const samples = numberOf(form, 'samples');
      return {
        sweep: sweepValues,
        rank_by: valueOf(form, 'rank_by'),
        ...(samples === undefined ? {} : { search: { method: 'random', samples, seed: 1 } }),
        ...(runMode === 'walk_forward'
          ? {
              walk_forward: {
                in_sample: numberOf(form, 'in_sample'),
                out_of_sample: numberOf(form, 'out_of_sample'),
                mode: valueOf(form, 'wf_mode'),
              },
            }
          : {}),
      };
    },
  };
}

/**
 * The metric over two swept parameters as a grid: one cell per combination, shaded from the
 * worst (red) to the best (green), so a ridge of good values — or one lucky spike — shows at once.
 */
export function heatmap(runs: readonly BacktestRun[], x: string, y: string, metric: string): HTMLElement {
  const values = (name: string) =>
    [...new Set(runs.map((run) => Number(run.parameters[name])))].sort((a, b) => a - b);
  const xs = values(x);
  const ys = values(y);
  const score = new Map(
    runs.map((run) => [
      `${String(run.parameters[x])}|${String(run.parameters[y])}`,
      run.performance[metric] ?? null,
    ]),
  );
  const known = [...score.values()].filter(
    (value): value is number => value !== null && Number.isFinite(value),
  );
  const low = Math.min(...known);
  const high = Math.max(...known);
  const format = metric === 'total_return' ? pct : ratio;
  const cell = (value: number | null) => {
    if (value === null || !Number.isFinite(value)) return h('td', { class: 'heat empty' }, '—');
    const share = high > low ? (value - low) / (high - low) : 1;
    return h(
      'td',
      { class: 'heat', style: `background: hsl(${Math.round(share * 120)} 60% 40% / 0.55)` },
      format(value),
    );
  };
  return h(
    'div',
    { class: 'table-wrap heatmap', role: 'figure', 'aria-label': `${metric} over ${x} and ${y}` },
    h(
      'table',
      {},
      h('caption', {}, `${metric.replace('_', ' ')} by ${x} (across) and ${y} (down)`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, `${y} \\ ${x}`),
          ...xs.map((value) => h('th', { scope: 'col' }, String(value))),
        ),
      ),
      h(
        'tbody',
        {},
        ...ys.map((yValue) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, String(yValue)),
            ...xs.map((xValue) => cell(score.get(`${xValue}|${yValue}`) ?? null)),
          ),
        ),
      ),
    ),
  );
}

/** The sweep's runs best first: parameters and the figures that rank them (the first hundred). */
export function runsTable(runs: readonly BacktestRun[]): HTMLElement {
  return table(
    ['#', 'Parameters', 'Sharpe', 'Deflated Sharpe', 'Total return', 'Max drawdown', 'Trades'],
    runs.slice(0, 100).map((run, index) =>
      row([
        String(index + 1),
        Object.entries(run.parameters)
          .map(([name, value]) => `${name}=${String(value)}`)
          .join(', '),
        ratio(run.performance.sharpe ?? null),
        pct(run.performance.deflated_sharpe ?? null),
        pct(run.performance.total_return ?? null),
        pct(run.performance.max_drawdown ?? null),
        String(run.trade_statistics.trades ?? 0),
      ]),
    ),
    '',
  );
}
