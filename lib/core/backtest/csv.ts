import { DomainError } from '../errors';
import { type BarSeries, emptySeries, trimSeries } from './bar-series';

/**
 * Parses bars from CSV with the header `datetime,open,high,low,close,volume` (any column order,
 * case-insensitive; extra columns ignored). `datetime` is ISO 8601 (a date alone means that
 * day's 00:00 UTC) or epoch seconds/milliseconds. Rows must be in ascending time. A malformed
 * row is an error naming its line and column — a backtest never runs on half-read data.
 */
export function parseBarsCsv(text: string, symbol: string): BarSeries {
  let position = 0;
  const nextLine = (): string | undefined => {
    if (position >= text.length) return undefined;
    let end = text.indexOf('\n', position);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(position, end - 1) : text.slice(position, end);
    position = end + 1;
    return line;
  };
  const header = nextLine();
  if (header === undefined) throw csvInvalid(1, 'the file is empty');
  const columns = header.split(',').map((name) => name.trim().toLowerCase());
  const index = (name: string) => {
    const at = columns.indexOf(name);
    if (at === -1)
      throw csvInvalid(1, `the header has no "${name}" column (need datetime,open,high,low,close,volume)`);
    return at;
  };
  const at = [index('datetime'), index('open'), index('high'), index('low'), index('close'), index('volume')];
  const width = columns.length;
  let capacity = Math.max(16, Math.ceil(text.length / 40));
  let series = emptySeries(symbol, capacity);
  let count = 0;
  // Where each field of the current line starts and ends: numbers are read in place, not sliced.
  const bounds = new Int32Array(width * 2);
  let columnsOut = [series.open, series.high, series.low, series.close, series.volume];
  for (let lineNumber = 2; position < text.length; lineNumber++) {
    // The line is read in place: field bounds into `text`, numbers parsed there, no slices.
    let lineEnd = text.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = text.length;
    const lineStart = position;
    position = lineEnd + 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (lineEnd === lineStart) continue;
    let start = lineStart;
    for (let f = 0; f < width; f++) {
      const comma = f === width - 1 ? lineEnd : text.indexOf(',', start);
      if (comma === -1 || comma > lineEnd) throw csvInvalid(lineNumber, `expected ${width} columns`);
      bounds[2 * f] = start;
      bounds[2 * f + 1] = comma;
      start = comma + 1;
    }
    if (count === capacity) {
      capacity *= 2;
      series = grow(series, capacity);
      columnsOut = [series.open, series.high, series.low, series.close, series.volume];
    }
    const timeAt = at[0]!;
    const inPlace = isoDateTimeAt(text, bounds[2 * timeAt]!, bounds[2 * timeAt + 1]!);
    const time = Number.isNaN(inPlace) ? parseCsvTime(fieldText(text, bounds, timeAt)) : inPlace;
    if (Number.isNaN(time))
      throw csvInvalid(lineNumber, `datetime "${fieldText(text, bounds, timeAt)}" is not a date`);
    if (count > 0 && time <= series.time[count - 1]!)
      throw csvInvalid(lineNumber, 'rows must be in ascending time');
    series.time[count] = time;
    for (let c = 0; c < 5; c++) {
      const f = at[c + 1]!;
      const value = decimalAt(text, bounds[2 * f]!, bounds[2 * f + 1]!);
      if (!Number.isFinite(value) || value < 0) {
        throw csvInvalid(
          lineNumber,
          `${['open', 'high', 'low', 'close', 'volume'][c]} "${fieldText(text, bounds, f)}" is not a price`,
        );
      }
      columnsOut[c]![count] = value;
    }
    if (series.high[count]! < series.low[count]!) throw csvInvalid(lineNumber, 'high is below low');
    count++;
  }
  return { ...trimSeries(series, count), symbol };
}

function fieldText(text: string, bounds: Int32Array, field: number): string {
  return text.slice(bounds[2 * field]!, bounds[2 * field + 1]!);
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `Number(text.slice(start, end))` without the slice for plain decimals (digits, optionally a
 * point and more digits, at most 15 digits in all): the digits as an integer divided by a power
 * of ten — both exact doubles, so the one division is correctly rounded, exactly as Number
 * rounds (Clinger's fast path). Anything else — signs, exponents, spaces, more digits — is
 * Number's to read.
 */
export function decimalAt(text: string, start: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (code === 46 /* . */ && decimals < 0) {
      decimals = 0;
    } else {
      return Number(text.slice(start, end));
    }
  }
  if (digits === 0 || digits > 15 || decimals === 0) return Number(text.slice(start, end));
  return decimals > 0 ? mantissa / POWERS_OF_TEN[decimals]! : mantissa;
}

/** A CSV datetime: ISO 8601 (a date alone is that day's 00:00 UTC) or epoch seconds/milliseconds. */
export function parseCsvTime(text: string): number {
  if (text.length > 10 && text.charCodeAt(10) === 84 /* T */) return parseIsoDateTime(text); // the common case
  const trimmed = text.trim();
  if (/^\d{9,13}$/.test(trimmed)) return trimmed.length <= 10 ? Number(trimmed) * 1000 : Number(trimmed);
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
}

let cachedDate = '';
let cachedDateEpoch = Number.NaN;

/**
 * Date.parse for ISO date-times, with a fast path for the form bar files are written in,
 * `YYYY-MM-DDTHH:MM:SS.sssZ` (isoDateTimeAt). Any other form, or an out-of-range time, is
 * Date.parse's to judge.
 */
function parseIsoDateTime(text: string): number {
  const fast = isoDateTimeAt(text, 0, text.length);
  return Number.isNaN(fast) ? Date.parse(text) : fast;
}

/**
 * `text[start, end)` as epoch ms when it is exactly `YYYY-MM-DDTHH:MM:SS.sssZ`, read in place:
 * the date part (the same for a whole day of rows) is parsed once by Date.parse and the time of
 * day digit by digit — a quarter of a CSV row's parsing otherwise, and no string per row. NaN
 * for any other form, for the caller to read the slow way.
 */
function isoDateTimeAt(text: string, start: number, end: number): number {
  if (
    end - start !== 24 ||
    text.charCodeAt(start + 10) !== 84 /* T */ ||
    text.charCodeAt(start + 13) !== 58 /* : */ ||
    text.charCodeAt(start + 16) !== 58 ||
    text.charCodeAt(start + 19) !== 46 /* . */ ||
    text.charCodeAt(start + 23) !== 90 /* Z */
  )
    return Number.NaN;
  const hours = twoDigits(text, start + 11);
  const minutes = twoDigits(text, start + 14);
  const seconds = twoDigits(text, start + 17);
  const millis = twoDigits(text, start + 20) * 10 + digit(text, start + 22);
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59 && millis >= 0)) return Number.NaN;
  if (!startsWithCachedDate(text, start)) {
    cachedDate = text.slice(start, start + 10);
    cachedDateEpoch = Date.parse(`${cachedDate}T00:00:00.000Z`);
  }
  return cachedDateEpoch + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis;
}

function startsWithCachedDate(text: string, start: number): boolean {
  if (cachedDate.length !== 10) return false;
  for (let i = 0; i < 10; i++) if (text.charCodeAt(start + i) !== cachedDate.charCodeAt(i)) return false;
  return true;
}

/** The digit at `at`, or NaN. */
function digit(text: string, at: number): number {
  const value = text.charCodeAt(at) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
}

function twoDigits(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}

function grow(series: BarSeries, capacity: number): BarSeries {
  const next = emptySeries(series.symbol, capacity);
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) next[key].set(series[key]);
  return next;
}

/** The error for a bad CSV line: names the line and the problem. */
export function csvInvalid(line: number, problem: string): DomainError {
  return new DomainError('CSV_INVALID', `line ${line}: ${problem}`, 'invalid', [
    { field: `line ${line}`, problem },
  ]);
}

/** Writes bars as CSV (the format parseBarsCsv reads), for data sets and round trips. */
export function formatBarsCsv(series: BarSeries): string {
  const lines = ['datetime,open,high,low,close,volume'];
  for (let i = 0; i < series.length; i++) {
    lines.push(
      `${new Date(series.time[i]!).toISOString()},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
