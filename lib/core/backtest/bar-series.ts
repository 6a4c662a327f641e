import type { Bar } from '../strategies/strategy';

/**
 * Bars of one symbol in columns (typed arrays): what the backtester reads in its hot loop,
 * without an object per bar. `time` is epoch milliseconds of each bar's close, ascending.
 */
export interface BarSeries {
  symbol: string;
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function emptySeries(symbol: string, length: number): BarSeries {
  return {
    symbol,
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** The first `count` bars of a series, in arrays of their own (a buffer filled part-way, made exact). */
export function trimSeries(series: BarSeries, count: number): BarSeries {
  return {
    symbol: series.symbol,
    length: count,
    time: series.time.slice(0, count),
    open: series.open.slice(0, count),
    high: series.high.slice(0, count),
    low: series.low.slice(0, count),
    close: series.close.slice(0, count),
    volume: series.volume.slice(0, count),
  };
}

/**
 * Bars as objects (a feed's, the simulated market's, a download's) in columns; `time` an ISO
 * time or epoch milliseconds.
 */
export function seriesFromBars(
  symbol: string,
  bars: readonly (Pick<Bar, 'open' | 'high' | 'low' | 'close' | 'volume'> & { time: string | number })[],
): BarSeries {
  const series = emptySeries(symbol, bars.length);
  bars.forEach((bar, i) => {
    series.time[i] = typeof bar.time === 'number' ? bar.time : Date.parse(bar.time);
    series.open[i] = bar.open;
    series.high[i] = bar.high;
    series.low[i] = bar.low;
    series.close[i] = bar.close;
    series.volume[i] = bar.volume;
  });
  return series;
}

/** The bars between two instants (inclusive), sharing the buffers. */
export function sliceSeries(series: BarSeries, from?: number, to?: number): BarSeries {
  let start = 0;
  let end = series.length;
  if (from !== undefined) while (start < end && series.time[start]! < from) start++;
  if (to !== undefined) while (end > start && series.time[end - 1]! > to) end--;
  return {
    symbol: series.symbol,
    length: end - start,
    time: series.time.subarray(start, end),
    open: series.open.subarray(start, end),
    high: series.high.subarray(start, end),
    low: series.low.subarray(start, end),
    close: series.close.subarray(start, end),
    volume: series.volume.subarray(start, end),
  };
}
