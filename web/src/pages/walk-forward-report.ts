import type { IChartApi } from 'lightweight-charts';
import { areaChart, toChartPoints } from '../charts';
import { fill, h, row, table } from '../dom';
import { day, pct, ratio } from '../format';
import type { Backtest } from '../types';

type Report = NonNullable<Backtest['walk_forward']>;

/** A walk-forward's report: the stitched out-of-sample equity, and each window's choice and scores. */
export function drawWalkForward(
  target: HTMLElement,
  backtest: Backtest,
  report: Report,
  charts: IChartApi[],
): void {
  const equityBox = h('div', {
    class: 'chart',
    id: 'walk-forward-chart',
    'aria-label': 'Out-of-sample equity',
  });
  fill(
    target,
    h('h2', {}, `Walk-forward · ${backtest.id}`),
    h(
      'dl',
      { class: 'figures small metrics' },
      h('div', {}, h('dt', {}, 'Out-of-sample return'), h('dd', {}, pct(report.out_of_sample_return))),
      h('div', {}, h('dt', {}, 'Windows'), h('dd', {}, String(report.windows.length))),
      h('div', {}, h('dt', {}, `Efficiency (${report.metric})`), h('dd', {}, ratio(report.efficiency))),
      h(
        'div',
        {},
        h('dt', {}, 'Layout'),
        h('dd', {}, `${report.mode}, ${report.in_sample_bars} in / ${report.out_of_sample_bars} out`),
      ),
    ),
    h('h3', {}, 'Out-of-sample equity, stitched'),
    equityBox,
    h('h3', {}, 'Windows'),
    table(
      [
        'In sample',
        'Out of sample',
        'Chosen parameters',
        `${report.metric} in`,
        `${report.metric} out`,
        'Return out',
      ],
      report.windows.map((window) =>
        row([
          `${day(window.in_sample.from)} – ${day(window.in_sample.to)}`,
          `${day(window.out_of_sample.from)} – ${day(window.out_of_sample.to)}`,
          Object.entries(window.parameters)
            .map(([name, value]) => `${name}=${String(value)}`)
            .join(', '),
          ratio(window.in_sample_score),
          ratio(window.out_of_sample_score),
          pct(window.out_of_sample_return),
        ]),
      ),
      'No window.',
    ),
  );
  charts.push(areaChart(equityBox, toChartPoints(report.equity), 'equity'));
}
