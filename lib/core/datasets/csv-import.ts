import { DateTime } from 'luxon';
import { type BarSeries, emptySeries, trimSeries } from '../backtest/bar-series';
import { NEW_YORK } from '../market/nyse-calendar';
import { dailyBarTime, type Timeframe } from './dataset';

/** The fields of a bar, and the column that holds each in a file. */
export type BarField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';
export type ColumnMap = Partial<Record<BarField | 'adjClose', string>>;

export interface ImportOptions {
  /** `yahoo`: Date,Open,High,Low,Close,Adj Close,Volume; `generic`: named by `columns` or common names; `auto`: by the header. */
  layout?: 'auto' | 'yahoo' | 'generic';
  columns?: ColumnMap;
  /** The zone of times written without an offset (default New York, the exchange's). */
  timezone?: string;
}

export interface ImportedBars {
  series: BarSeries;
  /** Rows refused, by line number (1 is the header), with why. */
  rejected: { line: number; problem: string }[];
  /** Prices scaled by the file's adjusted close (splits and dividends), as Yahoo's files allow. */
  adjusted: boolean;
  /** 1Day when every time was a date alone (stamped at that session's close), else 1Min. */
  timeframe: Timeframe;
}

const COMMON_NAMES: Record<BarField | 'adjClose', string[]> = {
  time: ['datetime', 'date', 'time', 'timestamp', 't'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'vol', 'v'],
  adjClose: ['adj close', 'adj_close', 'adjclose', 'adjusted close'],
};

/**
 * Reads bars from a CSV file in a common layout. Every row is checked (a date or time, finite
 * non-negative prices, high and low enclosing open and close, after the previous row) and a
 * bad row is reported by line, never silently kept: the caller decides whether to refuse the
 * file or keep the good rows.
 */
export function importBarsCsv(text: string, symbol: string, options: ImportOptions = {}): ImportedBars {
  const lines = text.split(/\r?\n/);
  const delimiter = [',', ';', '\t'].find((candidate) => lines[0]!.includes(candidate)) ?? ',';
  const header = lines[0]!.split(delimiter).map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase());
  const layout =
    options.layout && options.layout !== 'auto'
      ? options.layout
      : header.some((name) => COMMON_NAMES.adjClose.includes(name))
        ? 'yahoo'
        : 'generic';
  const at = columnsOf(header, options.columns ?? {}, layout);
  const rejected: ImportedBars['rejected'] = [];
  if ('missing' in at)
    return { series: emptySeries(symbol, 0), rejected: [at.missing], adjusted: false, timeframe: '1Day' };
  const series = emptySeries(symbol, lines.length);
  let count = 0;
  let datesOnly = true;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fields = line.split(delimiter).map((field) => field.trim().replace(/^"|"$/g, ''));
    const row = readRow(fields, at, options.timezone ?? NEW_YORK);
    if ('problem' in row) {
      rejected.push({ line: i + 1, problem: row.problem });
      continue;
    }
    if (count > 0 && row.time <= series.time[count - 1]!) {
      rejected.push({ line: i + 1, problem: 'not after the previous row (rows must be in ascending time)' });
      continue;
    }
    datesOnly &&= row.dateOnly;
    series.time[count] = row.time;
    series.open[count] = row.open;
    series.high[count] = row.high;
    series.low[count] = row.low;
    series.close[count] = row.close;
    series.volume[count] = row.volume;
    count++;
  }
  return {
    series: trimSeries(series, count),
    rejected,
    adjusted: at.adjClose !== undefined,
    timeframe: datesOnly ? '1Day' : '1Min',
  };
}

type Columns = Partial<Record<BarField | 'adjClose', number>> & {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
};

function columnsOf(
  header: readonly string[],
  map: ColumnMap,
  layout: 'yahoo' | 'generic',
): Columns | { missing: { line: number; problem: string } } {
  const found: Partial<Record<BarField | 'adjClose', number>> = {};
  for (const field of Object.keys(COMMON_NAMES) as (BarField | 'adjClose')[]) {
    if (field === 'adjClose' && layout !== 'yahoo') continue;
    const names = map[field] ? [map[field].toLowerCase()] : COMMON_NAMES[field];
    const index = header.findIndex((name) => names.includes(name));
    if (index >= 0) found[field] = index;
    else if (field !== 'volume' && field !== 'adjClose') {
      const wanted = map[field] ?? COMMON_NAMES[field].join(' or ');
      return { missing: { line: 1, problem: `the header has no ${field} column (${wanted})` } };
    }
  }
  return found as Columns;
}

type Row = {
  time: number;
  dateOnly: boolean;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
};

function readRow(fields: readonly string[], at: Columns, zone: string): Row | { problem: string } {
  const timeText = fields[at.time] ?? '';
  const time = parseTime(timeText, zone);
  if (time === null) return { problem: `"${timeText}" is not a date or time` };
  if ('problem' in time) return time;
  const value = (field: BarField | 'adjClose') => {
    const index = at[field];
    return index === undefined ? undefined : fields[index];
  };
  const numbers: Record<string, number> = {};
  for (const field of ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const) {
    const text = value(field);
    if (text === undefined) continue;
    const number = Number(text);
    if (text === '' || !Number.isFinite(number) || number < 0)
      return { problem: `${field} "${text}" is not a number ≥ 0` };
    numbers[field] = number;
  }
  const { open, high, low, close } = numbers as Record<'open' | 'high' | 'low' | 'close', number>;
  if (high < Math.max(open, close) || low > Math.min(open, close))
    return { problem: `high ${high} and low ${low} do not enclose open ${open} and close ${close}` };
  // Yahoo's adjusted close carries splits and dividends: every price scaled by the same factor.
  const factor = numbers.adjClose !== undefined && close > 0 ? numbers.adjClose / close : 1;
  return {
    time: time.time,
    dateOnly: time.dateOnly,
    open: open * factor,
    high: high * factor,
    low: low * factor,
    close: close * factor,
    volume: factor === 1 ? (numbers.volume ?? 0) : (numbers.volume ?? 0) / factor,
  };
}

/** A date alone (that session's close), an ISO time (naive ones in `zone`), or epoch seconds / ms. */
function parseTime(
  text: string,
  zone: string,
): { time: number; dateOnly: boolean } | { problem: string } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const close = dailyBarTime(text);
    return close === null ? { problem: `${text} is not a trading day` } : { time: close, dateOnly: true };
  }
  if (/^\d{9,13}$/.test(text)) {
    const number = Number(text);
    return { time: text.length <= 10 ? number * 1000 : number, dateOnly: false };
  }
  const parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: true });
  return parsed.isValid ? { time: parsed.toMillis(), dateOnly: false } : null;
}
