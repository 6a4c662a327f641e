import type { IChartApi } from 'lightweight-charts';
import { api } from '../api';
import { field, fill, h, row, table } from '../dom';
import { numberOf, showDone, showError, valueOf } from '../forms';
import { areaChart, drawdownOf, toChartPoints } from '../charts';
import { money, number, pct, ratio, signedMoney, time, tone } from '../format';
import { readSchemaFields, schemaFields, type ParameterSchema } from '../schema-form';
import type { Backtest, BacktestRun, Strategies, StrategyType } from '../types';
import type { Page } from './page';
import { heatmap, runsTable, searchFields } from './backtest-search';
import { drawWalkForward } from './walk-forward-report';

// Runs made in this browser, newest first, to compare (the ids; results come from the API).
const HISTORY_KEY = 'stratus.backtests';
const history = (): string[] => JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as string[];
const remember = (id: string) =>
  localStorage.setItem(HISTORY_KEY, JSON.stringify([id, ...history().filter((x) => x !== id)].slice(0, 20)));

/** Choose a strategy, parameters, data, capital and costs; run; see charts, metrics, trades; compare runs. */
export const backtestsPage: Page = (root) => {
  const charts: IChartApi[] = [];
  const results = h(
    'section',
    { class: 'results', 'aria-live': 'polite' },
    h('p', { class: 'empty' }, 'Results appear here: equity and drawdown charts, metrics and trades.'),
  );
  const compare = h('section', { 'aria-labelledby': 'compare-title' });
  const formHolder = h('div');
  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Backtests')),
    h(
      'div',
      { class: 'columns wide-right' },
      h('section', {}, h('h2', {}, 'Run a backtest'), formHolder),
      results,
    ),
    compare,
  );
  const clearCharts = () => charts.splice(0).forEach((chart) => chart.remove());
  const show = (backtest: Backtest) => {
    clearCharts();
    drawResults(results, backtest, charts);
  };
  void api
    .get<Strategies>('/api/strategies')
    .then((strategies) => {
      fill(
        formHolder,
        backtestForm(
          strategies.types.filter((type) => type.asset_class === 'equity'),
          results,
          (backtest) => {
            remember(backtest.id);
            show(backtest);
            void drawCompare(compare, show);
          },
        ),
      );
    })
    .catch((error: unknown) => showError(formHolder, error));
  void drawCompare(compare, show);
  return clearCharts;
};

function backtestForm(
  types: readonly StrategyType[],
  results: HTMLElement,
  done: (backtest: Backtest) => void,
): HTMLFormElement {
  const parameters = h('fieldset', {}, h('legend', {}, 'Parameters'));
  const search = searchFields();
  const typeSelect = h(
    'select',
    { name: 'type' },
    ...types.map((type) => h('option', { value: type.type }, type.name)),
  );
  const currentType = () => types.find((type) => type.type === typeSelect.value) ?? types[0]!;
  const drawParameters = () => {
    fill(
      parameters,
      h('legend', {}, 'Parameters'),
      ...schemaFields(currentType().parameters as ParameterSchema),
    );
    search.setSchema(currentType().parameters as ParameterSchema);
  };
  typeSelect.addEventListener('change', drawParameters);
  const source = h(
    'select',
    { name: 'source' },
    h('option', { value: 'history' }, 'Simulated history (symbols)'),
    h('option', { value: 'synthetic' }, 'Synthetic (GBM / SV-jump)'),
    h('option', { value: 'dataset' }, 'A dataset (stratus data)'),
  );
  const datasetSelect = h('select', { name: 'dataset', 'aria-label': 'Dataset' });
  const datasetFields = h(
    'div',
    { class: 'grid', hidden: true },
    field('Dataset', datasetSelect, 'Kept by stratus data fetch or import'),
    field(
      'Symbol',
      h('input', { name: 'dataset_symbol', autocomplete: 'off' }),
      'Blank: every symbol it holds',
    ),
  );
  void api
    .get<{ datasets: { name: string; timeframe: string; from: string; to: string }[] }>('/api/datasets')
    .then(({ datasets }) =>
      datasetSelect.replaceChildren(
        ...datasets.map((dataset) =>
          h(
            'option',
            { value: dataset.name },
            `${dataset.name} (${dataset.timeframe}, ${dataset.from} – ${dataset.to})`,
          ),
        ),
      ),
    )
    .catch(() => undefined);
  const historyFields = h(
    'div',
    { class: 'grid' },
    field('Symbols', h('input', { name: 'symbols', value: 'SPY', autocomplete: 'off' }), 'Comma-separated'),
    field(
      'Sessions',
      h('input', { name: 'sessions', type: 'number', min: 20, max: 2520, step: 1, value: 500 }),
      'Trading days of daily bars (20–2,520)',
    ),
  );
  const syntheticFields = h(
    'div',
    { hidden: true },
    field(
      'Generator',
      h('input', { name: 'synthetic', value: 'gbm:bars=20000,interval=1,vol=0.25,seed=1' }),
      'gbm or sv_jump: bars, interval (minutes), vol, seed',
    ),
  );
  source.addEventListener('change', () => {
    historyFields.hidden = source.value !== 'history';
    syntheticFields.hidden = source.value !== 'synthetic';
    datasetFields.hidden = source.value !== 'dataset';
  });
  const progress = h('progress', { class: 'running', hidden: true, 'aria-label': 'Backtest running' });
  let running: string | null = null;
  const cancel = h(
    'button',
    {
      type: 'button',
      hidden: true,
      onclick: () => {
        if (running) void api.post(`/api/strategies/backtest/${running}/cancel`, {}).catch(() => undefined);
      },
    },
    'Cancel',
  );
  const form = h(
    'form',
    { class: 'backtest-form', novalidate: true },
    field('Strategy', typeSelect),
    parameters,
    field('Data', source),
    historyFields,
    syntheticFields,
    datasetFields,
    search.element,
    h(
      'div',
      { class: 'grid' },
      field(
        'Capital ($)',
        h('input', { name: 'capital', type: 'number', min: 1, step: 'any', value: 100000 }),
      ),
      field(
        'Commission',
        h('input', { name: 'commission', value: 'per_share:0.005:min=1' }),
        'none, per_share:0.005:min=1, percent:5:min=1',
      ),
      field(
        'Slippage (bps)',
        h('input', { name: 'slippage_bps', type: 'number', min: 0, max: 1000, step: 'any', value: 5 }),
      ),
      field(
        'Position size (fraction of equity)',
        h('input', { name: 'fraction', type: 'number', min: 0.01, max: 1, step: 0.01, value: 0.95 }),
      ),
    ),
    h('p', { class: 'form-status', role: 'status' }),
    progress,
    h('button', { type: 'submit', class: 'primary' }, 'Run backtest'),
    cancel,
  );
  drawParameters();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = readSchemaFields(form, currentType().parameters as ParameterSchema);
    if (!values) return;
    const data =
      source.value === 'history'
        ? {
            symbols: valueOf(form, 'symbols')
              .split(',')
              .map((s) => s.trim().toUpperCase())
              .filter(Boolean),
            sessions: numberOf(form, 'sessions'),
          }
        : source.value === 'synthetic'
          ? { synthetic: valueOf(form, 'synthetic') }
          : {
              dataset: valueOf(form, 'dataset'),
              ...(valueOf(form, 'dataset_symbol')
                ? { symbols: [valueOf(form, 'dataset_symbol').toUpperCase()] }
                : {}),
            };
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    progress.hidden = false;
    results.setAttribute('aria-busy', 'true');
    api
      .post<Backtest>('/api/strategies/backtest', {
        type: currentType().type,
        parameters: values,
        data,
        capital: numberOf(form, 'capital'),
        commission: valueOf(form, 'commission'),
        slippage_bps: numberOf(form, 'slippage_bps'),
        fraction: numberOf(form, 'fraction'),
        ...search.read(form),
      })
      .then((accepted) => {
        running = accepted.id;
        cancel.hidden = false;
        return untilEnded(accepted.id, (backtest) => {
          const line = form.querySelector('.form-status');
          if (line) line.textContent = progressLine(backtest);
        });
      })
      .then((backtest) => {
        if (backtest.status === 'canceled') {
          showDone(form, `Backtest ${backtest.id} canceled: ${number(backtest.run_count)} runs kept`);
          done(backtest);
          return;
        }
        if (backtest.status === 'failed') {
          showError(
            form,
            new Error(`Backtest ${backtest.id} failed: ${backtest.error?.message ?? 'no reason given'}`),
          );
          return;
        }
        showDone(form, `Backtest ${backtest.id} ${backtest.status}`);
        done(backtest);
      })
      .catch((error: unknown) => showError(form, error, 'parameters.'))
      .finally(() => {
        running = null;
        cancel.hidden = true;
        button.disabled = false;
        progress.hidden = true;
        results.removeAttribute('aria-busy');
      });
  });
  return form;
}

/** How often the page asks after a backtest it submitted (the API runs it off the request path). */
const POLL_MS = 400;

/**
 * The backtest once it has ended, telling `progress` how it goes meanwhile; a sweep's every run
 * (up to a thousand: the heatmap's) once it has.
 */
async function untilEnded(id: string, progress: (backtest: Backtest) => void): Promise<Backtest> {
  for (;;) {
    const backtest = await api.get<Backtest>(`/api/strategies/backtest/${id}`);
    if (backtest.status !== 'queued' && backtest.status !== 'running') {
      return backtest.run_count > backtest.runs.length
        ? api.get<Backtest>(`/api/strategies/backtest/${id}?limit=1000`)
        : backtest;
    }
    progress(backtest);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** "running · 120 of 600 runs · best so far fast_period=10, slow_period=40 (sharpe 1.23)". */
function progressLine(backtest: Backtest): string {
  const parts = [`Backtest ${backtest.id} ${backtest.status}`];
  if (backtest.progress && backtest.progress.total > 1)
    parts.push(`${number(backtest.progress.done)} of ${number(backtest.progress.total)} runs`);
  const best = (backtest.runs as unknown as BacktestRun[])[0];
  if (best && backtest.progress && backtest.progress.total > 1) {
    const rankBy = String(backtest.request.rank_by ?? 'sharpe');
    const shown = Object.entries(best.parameters)
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(', ');
    parts.push(`best so far ${shown} (${rankBy} ${ratio(best.performance[rankBy] ?? null)})`);
  }
  return `${parts.join(' · ')}…`;
}

const METRICS: [string, string, (value: number | null) => string][] = [
  ['total_return', 'Total return', pct],
  ['annual_return', 'Annual return', pct],
  ['annual_volatility', 'Volatility', pct],
  ['sharpe', 'Sharpe', ratio],
  ['sortino', 'Sortino', ratio],
  ['calmar', 'Calmar', ratio],
  ['max_drawdown', 'Max drawdown', pct],
  ['value_at_risk', 'VaR 95 %', pct],
  ['conditional_value_at_risk', 'CVaR 95 %', pct],
];
const TRADE_STATS: [string, string, (value: number | null) => string][] = [
  ['trades', 'Trades', number],
  ['win_rate', 'Win rate', pct],
  ['profit_factor', 'Profit factor', ratio],
  ['expectancy', 'Expectancy', money],
  ['largest_win', 'Largest win', money],
  ['largest_loss', 'Largest loss', money],
];

function drawResults(target: HTMLElement, backtest: Backtest, charts: IChartApi[]): void {
  if (backtest.walk_forward) return drawWalkForward(target, backtest, backtest.walk_forward, charts);
  const runs = backtest.runs as unknown as BacktestRun[];
  const best = runs[0];
  if (!best) return fill(target, h('p', { class: 'empty' }, 'The backtest produced no runs.'));
  const equity = toChartPoints(best.equity);
  const equityBox = h('div', { class: 'chart', id: 'equity-chart', 'aria-label': 'Equity curve' });
  const drawdownBox = h('div', {
    class: 'chart small',
    id: 'drawdown-chart',
    'aria-label': 'Drawdown curve',
  });
  const figures = [
    ...METRICS.map(([key, label, format]) => [label, format(best.performance[key] ?? null)]),
    ...TRADE_STATS.map(([key, label, format]) => [label, format(best.trade_statistics[key] ?? null)]),
  ];
  fill(
    target,
    h('h2', {}, `Results · ${backtest.id}`),
    h(
      'p',
      { class: 'muted' },
      `${number(best.bars)} bars · final equity `,
      h(
        'strong',
        { class: tone(best.final_equity - Number(backtest.request.capital)) },
        money(best.final_equity),
      ),
      ` · fees ${money(best.fees)}`,
    ),
    h('h3', {}, 'Equity'),
    equityBox,
    h('h3', {}, 'Drawdown'),
    drawdownBox,
    h('h3', {}, 'Metrics'),
    h(
      'dl',
      { class: 'figures small metrics' },
      ...figures.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))),
    ),
    ...sweepSection(backtest, runs),
    h('h3', {}, `Trades (${number(best.trades.length)})`),
    table(
      ['Symbol', 'Side', 'Qty', 'Entry', 'Exit', 'Entry price', 'Exit price', 'Fees', 'P&L'],
      best.trades
        .slice(0, 200)
        .map((trade) =>
          row([
            trade.symbol,
            trade.direction,
            number(trade.quantity),
            time(trade.entry_at),
            time(trade.exit_at),
            money(trade.entry_price),
            money(trade.exit_price),
            money(trade.fees),
            h('span', { class: tone(trade.pnl) }, signedMoney(trade.pnl)),
          ]),
        ),
      'No trades.',
    ),
  );
  charts.push(areaChart(equityBox, equity, 'equity'), areaChart(drawdownBox, drawdownOf(equity), 'drawdown'));
}

/** A sweep's runs: the heatmap of the ranking metric when two parameters were swept, the best runs. */
function sweepSection(backtest: Backtest, runs: BacktestRun[]): HTMLElement[] {
  if (runs.length < 2) return [];
  const swept = Object.keys((backtest.request.sweep as Record<string, unknown> | undefined) ?? {});
  const metric = String(backtest.request.rank_by ?? 'sharpe');
  return [
    h('h3', {}, `Parameter combinations (${number(backtest.run_count)})`),
    ...(swept.length === 2 ? [heatmap(runs, swept[0]!, swept[1]!, metric)] : []),
    runsTable(runs),
  ];
}

async function drawCompare(target: HTMLElement, show: (backtest: Backtest) => void): Promise<void> {
  const ids = history();
  if (ids.length === 0) return fill(target);
  const backtests = (
    await Promise.all(ids.map((id) => api.get<Backtest>(`/api/strategies/backtest/${id}`).catch(() => null)))
  ).filter((backtest): backtest is Backtest => backtest !== null && backtest.status === 'completed');
  fill(
    target,
    h('h2', { id: 'compare-title' }, 'Compare runs'),
    table(
      [
        'Run',
        'When',
        'Strategy',
        'Parameters',
        'Total return',
        'Sharpe',
        'Max drawdown',
        'Trades',
        'Win rate',
      ],
      backtests.map((backtest) => {
        const run = (backtest.runs as unknown as BacktestRun[])[0];
        return row([
          h('button', { class: 'link', onclick: () => show(backtest) }, backtest.id),
          time(backtest.created_at),
          String(backtest.request.type),
          Object.entries(run?.parameters ?? {})
            .map(([name, value]) => `${name}=${String(value)}`)
            .join(', '),
          pct(run?.performance.total_return ?? null),
          ratio(run?.performance.sharpe ?? null),
          pct(run?.performance.max_drawdown ?? null),
          number(run?.trade_statistics.trades ?? null),
          pct(run?.trade_statistics.win_rate ?? null),
        ]);
      }),
      '',
    ),
  );
}
