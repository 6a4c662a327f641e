import { formatDollars } from '../../core/money';

/** Pieces of the self-contained HTML reports (backtests, performance): charts as inline SVG, formatting. */

/** The plot area inside the chart's 1000 × 240 view box: room on the left for values, below for dates. */
const PLOT = { left: 90, right: 990, top: 10, bottom: 210 };

/**
 * A line (or filled area) of at most ~1,000 points (every n-th) with its axes: three value
 * labels (low, middle, high) with grid lines, and five dates along the bottom.
 */
export function chart(
  id: string,
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  color: string,
  fill: boolean,
  label: (value: number) => string,
): string {
  if (values.length === 0) return `<svg id="${id}" viewBox="0 0 1000 240"></svg>`;
  const step = Math.max(1, Math.ceil(values.length / 1000));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  if (fill) max = Math.max(max, 0);
  const span = max - min || 1;
  const x = (i: number) => PLOT.left + (i / Math.max(1, values.length - 1)) * (PLOT.right - PLOT.left);
  const y = (v: number) => PLOT.bottom - ((v - min) / span) * (PLOT.bottom - PLOT.top);
  const points: string[] = [];
  for (let i = 0; i < values.length; i += step) points.push(`${x(i).toFixed(1)},${y(values[i]!).toFixed(1)}`);
  const shape = fill
    ? `<polygon points="${PLOT.left},${y(0).toFixed(1)} ${points.join(' ')} ${PLOT.right},${y(0).toFixed(1)}" fill="${color}" fill-opacity="0.25" stroke="${color}"/>`
    : `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="1.5"/>`;
  const grid = [min, (min + max) / 2, max]
    .map(
      (v) =>
        `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d8dee4"/><text x="${PLOT.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${escape(label(v))}</text>`,
    )
    .join('');
  const dates =
    time.length === values.length
      ? [0, 0.25, 0.5, 0.75, 1]
          .map((f) => {
            const i = Math.round(f * (values.length - 1));
            const anchor = f === 0 ? 'start' : f === 1 ? 'end' : 'middle';
            return `<text x="${x(i).toFixed(1)}" y="230" text-anchor="${anchor}" class="axis">${iso(time[i]!)}</text>`;
          })
          .join('')
      : '';
  return `<svg id="${id}" viewBox="0 0 1000 240">${grid}${shape}${dates}</svg>`;
}

export const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
export const pct = (value: number) =>
  Number.isFinite(value) ? `${(value * 100).toFixed(2)}%` : String(value);
export const num = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : String(value));
export const money = (value: number) => (Number.isFinite(value) ? formatDollars(value) : String(value));
export const price = (value: number) =>
  `$${value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
export function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
