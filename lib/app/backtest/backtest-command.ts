import type { BacktestConfig, BacktestResult, BarSeries, SyntheticSpec } from '../../core/backtest';
import type { VenueFills } from '../../core/backtest/engine';
import { marketStatus } from '../../core/market/nyse-calendar';
import {
  generateBars,
  MAX_SYNTHETIC_YEARS,
  parseBarsCsv,
  runBacktest,
  sliceSeries,
  syntheticYears,
} from '../../core/backtest';
import { DomainError } from '../../core/errors';
import { parseCommissionModel } from '../../core/execution/commission';
import type { SizingModel } from '../../core/risk/sizing-model';
import { createStrategy } from '../../core/strategies/registry';
import { bySymbolInDollars, statisticsInDollars, toCent, tradeInDollars } from './in-dollars';

/** What `stratus backtest` was asked, already parsed from its flags. */
export interface BacktestRequest {
  strategy: string;
  parameters: Record<string, unknown>;
  data:
    | { kind: 'csv'; text: string; symbol: string }
    /** `endingAt`: where the path ends when the spec names no `start` (the CLI: now). */
    | { kind: 'synthetic'; spec: string; endingAt?: Date };
  from?: string;
  to?: string;
  capital: number;
  commission: string;
  slippageBps: number;
  /** How a signal is sized into shares (lib/core/risk/sizing-model.ts). */
  sizing: SizingModel;
  /** Fill as the paper venue does (the platform's settings: lib/platform/settings.ts `venueFills`), not by bar. */
  venue?: VenueFills;
}

/**
 * Parses `--param k=v` pairs: numbers become numbers, `a,b,c` a list (watchlists), true/false booleans.
 */
export function parseParameters(pairs: readonly string[]): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new DomainError('PARAMETER_INVALID', `--param ${pair}: expected name=value`, 'invalid');
    const name = pair.slice(0, at);
    const raw = pair.slice(at + 1);
    parameters[name] = raw.includes(',')
      ? raw.split(',').map((item) => item.trim())
      : raw === 'true' || raw === 'false'
        ? raw === 'true'
        : raw !== '' && Number.isFinite(Number(raw))
          ? Number(raw)
          : raw;
  }
  return parameters;
}

/**
 * A synthetic data spec: `gbm` or `sv_jump`, then `key=value` options, e.g.
 * `gbm:symbol=SYN,bars=100000,interval=1,price=100,drift=0.05,vol=0.25,seed=1,start=2024-01-02`.
 * Bars lie on NYSE sessions. Without `start` the path ends at `endingAt` (its last bar the latest
 * that closed by then), or, when no end is given either, starts on 2024-01-02.
 */
export function parseSyntheticSpec(text: string, endingAt?: Date): SyntheticSpec {
  const [model, options = ''] = text.split(':');
  if (model !== 'gbm' && model !== 'sv_jump') {
    throw new DomainError(
      'SYNTHETIC_INVALID',
      `--synthetic ${text}: the model must be gbm or sv_jump`,
      'invalid',
    );
  }
  const values = Object.fromEntries(
    options
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );
  const number = (key: string, fallback: number) => {
    const value = values[key] === undefined ? fallback : Number(values[key]);
    if (!Number.isFinite(value))
      throw new DomainError(
        'SYNTHETIC_INVALID',
        `--synthetic ${key}=${values[key]} is not a number`,
        'invalid',
      );
    return value;
  };
  const interval = number('interval', 1_440);
  const bars = number('bars', 2_520);
  const start = Date.parse(`${values.start ?? '2024-01-02'}T${interval >= 1_440 ? '21:00' : '14:31'}:00Z`);
  const end = values.start === undefined && endingAt ? endingAt.getTime() : undefined;
  const years = syntheticYears({ bars, intervalMinutes: interval });
  if (years > MAX_SYNTHETIC_YEARS)
    throw new DomainError(
      'SYNTHETIC_INVALID',
      `--synthetic ${text}: the path would span ${Math.round(years).toLocaleString('en-US')} years of trading; at most ${MAX_SYNTHETIC_YEARS.toLocaleString('en-US')}`,
      'invalid',
    );
  return {
    symbol: values.symbol ?? 'SYN',
    bars,
    start,
    ...(end === undefined ? {} : { end }),
    intervalMinutes: interval,
    initialPrice: number('price', 100),
    drift: number('drift', 0.05),
    volatility: number('vol', 0.2),
    seed: number('seed', 1),
    model,
  };
}

/** The bars a request names: its CSV text parsed, or its synthetic spec generated. */
export function loadBars(data: BacktestRequest['data']): BarSeries {
  return data.kind === 'csv'
    ? parseBarsCsv(data.text, data.symbol)
    : generateBars(parseSyntheticSpec(data.spec, data.endingAt));
}

const DATASET_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Where a named data set is kept (`<data dir>/datasets/<name>.csv`); the name is checked, never a path. */
export function datasetFile(dataDir: string, name: string): string {
  if (!DATASET_NAME.test(name) || name.startsWith('.')) {
    throw new DomainError(
      'DATASET_NAME_INVALID',
      `"${name}" is not a data set name (letters, digits, . _ -)`,
      'invalid',
    );
  }
  return `${dataDir}/datasets/${name}.csv`;
}

/** Runs the request: loads the data, builds the strategy, runs the engine. */
export function runBacktestRequest(
  request: BacktestRequest,
  onProgress?: (done: number, total: number) => void,
): BacktestResult {
  const strategy = createStrategy(request.strategy, request.parameters);
  const series: BarSeries = sliceSeries(
    loadBars(request.data),
    request.from === undefined ? undefined : Date.parse(request.from),
    request.to === undefined ? undefined : Date.parse(request.to),
  );
  if (request.venue && !tradesInSession(series)) {
    throw new DomainError(
      'FILLS_NEED_INTRADAY_BARS',
      'venue fills trade as the live engine does, inside the regular session: these bars are all outside it (daily bars are stamped at the close); use minute bars, or bar fills',
      'invalid',
    );
  }
  const config: BacktestConfig = {
    capital: request.capital,
    commission: parseCommissionModel(request.commission),
    slippage: { model: 'bps', bps: request.slippageBps },
    sizing: request.sizing,
    ...(request.venue ? { venue: request.venue } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
  return runBacktest(strategy, [series], config);
}

/** Whether any bar is inside a regular session (where the engine and the venue trade). */
function tradesInSession(series: BarSeries): boolean {
  for (let i = 0; i < series.length; i++) {
    if (marketStatus(new Date(series.time[i]!)).isOpen) return true;
  }
  return false;
}

/** The result as plain JSON (typed arrays as arrays; the equity curve as [time, value] pairs). */
export function backtestJson(result: BacktestResult) {
  return {
    bars: result.bars,
    initial_equity: toCent(result.initialEquity),
    final_equity: toCent(result.finalEquity),
    fees: toCent(result.fees),
    performance: result.performance,
    trade_statistics: statisticsInDollars(result.tradeStatistics),
    by_symbol: bySymbolInDollars(result.bySymbol),
    trades: result.trades.map(tradeInDollars),
    positions: result.positions,
    equity: Array.from(result.equity.time, (time, i) => [
      new Date(time).toISOString(),
      toCent(result.equity.value[i]!),
    ]),
  };
}
