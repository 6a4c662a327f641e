import { DomainError } from '../errors';
import { isTradingDate, newYorkDate, tradingSession } from '../market/nyse-calendar';

export type Timeframe = '1Day' | '1Min';

/**
 * A named set of bars, what a backtest cites: which symbols, at what timeframe, adjusted how
 * (`all`: for splits and dividends, `split`: splits only, `raw`: as traded), from where. Each
 * symbol's bars are stored as numbered parts (a fetched page, an imported file), so a download
 * that stops resumes after the last part written.
 */
export interface DatasetManifest {
  name: string;
  timeframe: Timeframe;
  adjustment: 'all' | 'split' | 'raw';
  source: 'alpaca' | 'csv' | 'synthetic';
  /** The span asked for (ISO dates, inclusive); an import's is its first and last bar's day. */
  from: string;
  to: string;
  /** `complete` once every symbol is fetched to `to`; `partial` while (or after) a fetch stops. */
  status: 'partial' | 'complete';
  symbols: Record<string, SymbolData>;
  createdAt: string;
  updatedAt: string;
}

export interface SymbolData {
  bars: number;
  parts: number;
  /** The last bar stored (epoch ms of its close): a resumed fetch asks for what comes after. */
  lastTime: number | null;
  firstTime: number | null;
  /** Trading sessions in the span with no bar (daily data), the first few by date. */
  gaps?: { count: number; first: string[] };
}

/** A dataset's name: 1–64 letters, digits, `.`, `_`, `-`, not starting with a punctuation mark. */
export const DATASET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Whether a text can name a dataset: letters, digits, `.`, `_`, `-`, never a path. */
export function isDatasetName(name: string): boolean {
  return DATASET_NAME_PATTERN.test(name);
}

/** A dataset's name: letters, digits, `.`, `_`, `-`, never a path. */
export function checkDatasetName(name: string, field = 'name'): string {
  if (!isDatasetName(name)) {
    throw new DomainError('DATASET_NAME_INVALID', `"${name}" is not a dataset name`, 'invalid', [
      { field, in: 'body', problem: 'must be 1–64 letters, digits, . _ - (not starting with . _ -)' },
    ]);
  }
  return name;
}

/**
 * The trading sessions from `from` to `to` (New York dates) that have no bar among `times`
 * (epoch ms, any time within the session's day): what a daily download is missing.
 */
export function missingSessions(times: ArrayLike<number>, from: string, to: string): string[] {
  const have = new Set<string>();
  for (let i = 0; i < times.length; i++) have.add(newYorkDate(new Date(times[i]!)));
  const missing: string[] = [];
  for (let day = Date.parse(`${from}T12:00:00Z`); day <= Date.parse(`${to}T12:00:00Z`); day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (isTradingDate(date) && !have.has(date)) missing.push(date);
  }
  return missing;
}

/** Where a daily bar of a New York date is stamped: its session's close (the platform's convention). */
export function dailyBarTime(date: string): number | null {
  const session = tradingSession(date);
  return session ? session.close.getTime() : null;
}
