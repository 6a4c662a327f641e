import { AreaSeries, createChart, type IChartApi, type UTCTimestamp } from 'lightweight-charts';

export interface ChartPoint {
  readonly time: UTCTimestamp;
  readonly value: number;
}

/** ISO-time points to chart points: seconds, strictly increasing (the library requires it). */
export function toChartPoints(points: readonly (readonly [string, number])[]): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const [iso, value] of points) {
    const time = Math.floor(Date.parse(iso) / 1000) as UTCTimestamp;
    const last = out[out.length - 1];
    if (last && time <= last.time) out[out.length - 1] = { time: last.time, value };
    else out.push({ time, value });
  }
  return out;
}

/** The drawdown curve of an equity curve: fraction below the running peak (0 or negative). */
export function drawdownOf(equity: readonly ChartPoint[]): ChartPoint[] {
  let peak = -Infinity;
  return equity.map(({ time, value }) => {
    peak = Math.max(peak, value);
    return { time, value: peak > 0 ? value / peak - 1 : 0 };
  });
}

const COLORS = { equity: '#2563eb', drawdown: '#dc2626' } as const;

/**
 * An area chart (TradingView lightweight-charts) in `container`, sized to it. Returns the chart
 * so the caller can remove it when the page goes.
 */
export function areaChart(
  container: HTMLElement,
  points: readonly ChartPoint[],
  kind: keyof typeof COLORS,
): IChartApi {
  const color = COLORS[kind];
  const chart = createChart(container, {
    autoSize: true,
    layout: { background: { color: 'transparent' }, textColor: '#475569' },
    grid: { vertLines: { color: '#e2e8f0' }, horzLines: { color: '#e2e8f0' } },
    rightPriceScale: { borderVisible: false },
    timeScale: { borderVisible: false, timeVisible: true },
    localization:
      kind === 'drawdown' ? { priceFormatter: (value: number) => `${(value * 100).toFixed(1)}%` } : {},
  });
  const series = chart.addSeries(AreaSeries, {
    lineColor: color,
    topColor: kind === 'drawdown' ? `${color}10` : `${color}55`,
    bottomColor: kind === 'drawdown' ? `${color}55` : `${color}05`,
    lineWidth: 2,
    invertFilledArea: kind === 'drawdown',
  });
  series.setData([...points]);
  chart.timeScale().fitContent();
  return chart;
}
