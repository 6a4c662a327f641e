import { parseArgs } from 'node:util';
import { datasetOption } from './dataset-option';
import type { BarSeries, WalkForwardResult } from '../lib/core/backtest';
import type { ParameterValues } from '../lib/core/backtest/parameter-search';

/**
 * `stratus sweep` and `stratus walk-forward`: a parameter search over a dataset (or synthetic
 * bars) on every core, and the walk-forward test of it — the research loop from the command line.
 */
export async function researchCommand(
  command: 'sweep' | 'walk-forward',
  args: string[],
  usage: (message: string) => Error,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      strategy: { type: 'string' },
      param: { type: 'string', multiple: true },
      sweep: { type: 'string', multiple: true },
      samples: { type: 'string' },
      seed: { type: 'string', default: '1' },
      data: { type: 'string' },
      symbol: { type: 'string' },
      synthetic: { type: 'string' },
      capital: { type: 'string', default: '100000' },
      commission: { type: 'string', default: 'per_share:0.005:min=1' },
      'slippage-bps': { type: 'string', default: '5' },
      'rank-by': { type: 'string', default: 'sharpe' },
      'in-sample': { type: 'string' },
      'out-of-sample': { type: 'string' },
      mode: { type: 'string', default: 'rolling' },
      top: { type: 'string', default: '10' },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.stratus' },
    },
    strict: true,
  });
  if (!values.strategy) throw usage(`${command} needs --strategy <type>`);
  if (!values.sweep?.length)
    throw usage(`${command} needs at least one --sweep name=from:to[:step] (or a,b,c)`);
  if ((values.data === undefined) === (values.synthetic === undefined))
    throw usage(`${command} needs one of --data <dataset> or --synthetic <spec>`);
  const rankBy = values['rank-by'] === 'total_return' ? 'totalReturn' : values['rank-by'];
  if (!['sharpe', 'sortino', 'calmar', 'totalReturn'].includes(rankBy))
    throw usage('--rank-by must be sharpe, sortino, calmar or total_return');
  const [
    { parseParameters, parseSyntheticSpec },
    { searchCombinations },
    { validateParameters, createStrategy },
    core,
  ] = await Promise.all([
    import('../lib/app/backtest/backtest-command'),
    import('../lib/core/backtest/parameter-search'),
    import('../lib/core/strategies/registry'),
    import('../lib/core/backtest'),
  ]);
  const { parseCommissionModel } = await import('../lib/core/execution/commission');
  const space = Object.fromEntries(values.sweep.map(sweepOf(usage)));
  const search =
    values.samples === undefined
      ? ({ method: 'grid' } as const)
      : ({ method: 'random', samples: Number(values.samples), seed: Number(values.seed) } as const);
  const base = parseParameters(values.param ?? []);
  const candidates = searchCombinations(space, search).flatMap((combination) => {
    try {
      return [validateParameters(values.strategy!, { ...base, ...combination })];
    } catch {
      return []; // a combination the strategy refuses (fast not faster than slow): not run
    }
  });
  if (candidates.length === 0) throw usage('no combination of the sweep is valid for the strategy');
  const series = values.synthetic
    ? core.generateBars(parseSyntheticSpec(values.synthetic, new Date()))
    : await datasetSeries(values['data-dir'], values.data!, values.symbol, usage);
  const config = {
    capital: Number(values.capital),
    commission: parseCommissionModel(values.commission),
    slippage: { model: 'bps' as const, bps: Number(values['slippage-bps']) },
    sizing: { kind: 'equity_fraction' as const, fraction: 0.95 },
  };
  if (command === 'walk-forward') {
    const inSample = Number(values['in-sample']);
    const outOfSample = Number(values['out-of-sample']);
    if (!(inSample > 0 && outOfSample > 0))
      throw usage('walk-forward needs --in-sample <bars> and --out-of-sample <bars>');
    if (values.mode !== 'rolling' && values.mode !== 'anchored')
      throw usage('--mode must be rolling or anchored');
    const result = core.walkForward(
      series,
      candidates,
      (parameters) => createStrategy(values.strategy!, parameters),
      config,
      { mode: values.mode, inSampleBars: inSample, outOfSampleBars: outOfSample },
      (run) => (run.performance as unknown as Record<string, number>)[rankBy] ?? Number.NEGATIVE_INFINITY,
    );
    return printWalkForward(result, series, Object.keys(space), values.json, config.capital);
  }
  const { WorkerThreadBacktestCompute } =
    await import('../lib/adapters/compute/worker-thread-backtest-compute');
  const { rankRuns } = await import('../lib/app/backtest/compute-runs');
  const computation = {
    type: values.strategy,
    parameterSets: candidates.map((parameters) => ({ combination: {}, parameters })),
    data: { series: [series] },
    capital: config.capital,
    commission: config.commission,
    slippageBps: config.slippage.bps,
    sizing: config.sizing,
    rankBy: rankBy as 'sharpe',
  };
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  const started = performance.now();
  const runs = rankRuns(
    await new WorkerThreadBacktestCompute(4096, workers).run(computation),
    rankBy as 'sharpe',
  );
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    // snake_case, as `backtest --json` and the API answer.
    const { toSnakeJson } = await import('../lib/api/dto/snake-case');
    const rows = runs.map(({ trades: _t, equity: _e, ...row }) => row);
    console.log(JSON.stringify(toSnakeJson({ seconds, runs: rows }), null, 2));
    return;
  }
  console.log(
    `${runs.length} combinations over ${series.length.toLocaleString('en-US')} bars in ${seconds.toFixed(1)} s`,
  );
  for (const run of runs.slice(0, Number(values.top))) {
    const p = run.performance as Record<string, number | null>;
    const shown = Object.keys(space).map(
      (name) => `${name}=${String((run.parameters as Record<string, unknown>)[name])}`,
    );
    console.log(
      `  ${shown.join(' ').padEnd(36)} sharpe ${fixed(p.sharpe)}  return ${percent(p.totalReturn)}  deflated sharpe ${fixed(p.deflatedSharpe)}`,
    );
  }
}

/** `name=from:to[:step]` (a range) or `name=a,b,c` (a list). */
function sweepOf(usage: (message: string) => Error) {
  return (text: string): [string, ParameterValues] => {
    const [name, values] = text.split('=');
    if (!name || !values) throw usage(`--sweep ${text}: expected name=from:to[:step] or name=a,b,c`);
    if (values.includes(':')) {
      const [from, to, step] = values.split(':').map(Number);
      if (![from, to].every(Number.isFinite)) throw usage(`--sweep ${text}: from and to must be numbers`);
      return [name, { from: from!, to: to!, ...(step ? { step } : {}) }];
    }
    return [name, values.split(',').map((value) => (Number.isFinite(Number(value)) ? Number(value) : value))];
  };
}

async function datasetSeries(
  dataDir: string,
  name: string,
  symbol: string | undefined,
  usage: (m: string) => Error,
) {
  const found = await datasetOption(dataDir, name, symbol, usage);
  if (!found) throw usage(`--data ${name}: no such dataset (stratus data list)`);
  const { loadDataset } = await import('../lib/app/datasets/load-dataset');
  return (await loadDataset(found.store, name, [found.symbol])).series[0]!;
}

function printWalkForward(
  result: WalkForwardResult<Record<string, unknown>>,
  series: BarSeries,
  names: readonly string[],
  json: boolean,
  capital: number,
): void {
  const day = (index: number) => new Date(series.time[index]!).toISOString().slice(0, 10);
  const windows = result.windows.map((window) => ({
    in_sample: `${day(window.inSample.from)}…${day(window.inSample.to - 1)}`,
    out_of_sample: `${day(window.outOfSample.from)}…${day(window.outOfSample.to - 1)}`,
    parameters: Object.fromEntries(names.map((name) => [name, window.parameters[name]])),
    in_sample_score: window.inSampleScore,
    out_of_sample_score: window.outOfSampleScore,
    out_of_sample_return: window.outOfSampleReturn,
  }));
  const final = result.stitched.value.at(-1) ?? capital;
  if (json) {
    console.log(JSON.stringify({ windows, out_of_sample_return: final / capital - 1 }, null, 2));
    return;
  }
  for (const window of windows) {
    const chosen = Object.entries(window.parameters)
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(' ');
    console.log(
      `  in ${window.in_sample}  out ${window.out_of_sample}  ${chosen.padEnd(30)} score in ${fixed(window.in_sample_score)} out ${fixed(window.out_of_sample_score)}  return ${percent(window.out_of_sample_return)}`,
    );
  }
  console.log(`out-of-sample, stitched: ${percent(final / capital - 1)} over ${windows.length} windows`);
}

function fixed(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '—';
}

function percent(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${(value * 100).toFixed(2)}%` : '—';
}
