import { drawdownSeries } from '../../core/analytics';
import type { BacktestResult } from '../../core/backtest';
import { formatDollars } from '../../core/money';

/**
 * A self-contained HTML report of a backtest: what was run (strategy, parameters, data, capital,
 * commission, slippage, fills, sizing), metrics, equity and drawdown charts with their axes
 * (inline SVG: no script, no network), a monthly-returns heat map and the trade table. One file
 * to keep or send.
 */
export function backtestReportHtml(
  title: string,
  result: BacktestResult,
  setup: Readonly<Record<string, string>> = {},
): string {
  const p = result.performance;
  const t = result.tradeStatistics;
  const metrics: [string, string][] = [
    ['Final equity', money(result.finalEquity)],
    ['Total return', pct(p.totalReturn)],
    ['Annual return', pct(p.annualReturn)],
    ['Annual volatility', pct(p.annualVolatility)],
    ['Sharpe', num(p.sharpe)],
    ['Sortino', num(p.sortino)],
    ['Calmar', num(p.calmar)],
    ['Max drawdown', pct(p.maxDrawdown)],
    ['VaR 95 % (daily)', pct(p.valueAtRisk)],
    ['CVaR 95 % (daily)', pct(p.conditionalValueAtRisk)],
    ['Trades', String(t.trades)],
    ['Win rate', t.winRate === null ? '—' : pct(t.winRate)],
    ['Profit factor', t.profitFactor === null ? '—' : num(t.profitFactor)],
    ['Expectancy', t.expectancy === null ? '—' : money(t.expectancy)],
    ['Fees', money(result.fees)],
  ];
  const { time, value } = result.equity;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:20px} h2{font-size:16px;margin-top:28px}
.metrics{display:grid;grid-template-columns:repeat(5,1fr);gap:8px}
.metric{border:1px solid #d8dee4;border-radius:6px;padding:8px}
.metric b{display:block;font-size:16px}
svg{width:100%;height:auto;border:1px solid #d8dee4;border-radius:6px}
svg .axis{font-size:13px;fill:#57606a}
#setup th,#setup td{text-align:left} #setup th{font-weight:600;padding-right:16px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}
</style></head><body>
<h1>${escape(title)}</h1>
<p>${result.bars.toLocaleString('en')} bars, ${time.length ? `${iso(time[0]!)} to ${iso(time[time.length - 1]!)}` : 'no data'}.</p>
<table id="setup">${Object.entries(setup)
    .map(([key, text]) => `<tr><th>${escape(key)}</th><td>${escape(text)}</td></tr>`)
    .join('')}</table>
<div class="metrics">${metrics.map(([k, v]) => `<div class="metric">${escape(k)}<b>${escape(v)}</b></div>`).join('')}</div>
<h2>Equity</h2>
${chart('equity-chart', time, value, '#0969da', false, money)}
<h2>Drawdown</h2>
${chart('drawdown-chart', time, drawdownSeries(result.equity.value, result.initialEquity), '#cf222e', true, pct)}
<h2>Monthly returns</h2>
${monthlyTable(time, value, result.initialEquity)}
<h2>Trades</h2>
<table id="trades"><tr><th>Symbol</th><th>Direction</th><th>Quantity</th><th>Entry</th><th>Exit</th><th>Entry price</th><th>Exit price</th><th>Fees</th><th>P&amp;L</th></tr>
${result.trades
  .slice(0, 500)
  .map(
    (trade) =>
      `<tr><td>${escape(trade.symbol)}</td><td>${trade.direction}</td><td>${trade.quantity}</td><td>${trade.entryAt.slice(0, 16)}</td><td>${trade.exitAt.slice(0, 16)}</td><td>${price(trade.entryPrice)}</td><td>${price(trade.exitPrice)}</td><td>${money(trade.fees)}</td><td>${money(trade.pnl)}</td></tr>`,
  )
  .join('\n')}
</table>${result.trades.length > 500 ? `<p>First 500 of ${result.trades.length} trades.</p>` : ''}
</body></html>
`;
}

/** The plot area inside the chart's 1000 × 240 view box: room on the left for values, below for dates. */
const PLOT = { left: 90, right: 990, top: 10, bottom: 210 };

/**
 * A line (or filled area) of at most ~1,000 points (every n-th) with its axes: three value
 * labels (low, middle, high) with grid lines, and five dates along the bottom.
 */
function chart(
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

function monthlyTable(time: Float64Array, value: Float64Array, capital: number): string {
  const ends = new Map<string, number>();
  for (let i = 0; i < time.length; i++) ends.set(new Date(time[i]!).toISOString().slice(0, 7), value[i]!);
  const months = [...ends.keys()];
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const returns = new Map<string, number>();
  let previous = capital;
  for (const month of months) {
    returns.set(month, ends.get(month)! / previous - 1);
    previous = ends.get(month)!;
  }
  const cell = (r: number | undefined) => {
    if (r === undefined) return '<td></td>';
    const strength = Math.min(1, Math.abs(r) / 0.1);
    const color = r >= 0 ? `rgba(26,127,55,${strength})` : `rgba(207,34,46,${strength})`;
    return `<td style="background:${color}">${(r * 100).toFixed(1)}%</td>`;
  };
  const header = `<tr><th>Year</th>${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => `<th>${m}</th>`).join('')}</tr>`;
  const rows = years.map(
    (year) =>
      `<tr><td>${year}</td>${Array.from({ length: 12 }, (_, m) => cell(returns.get(`${year}-${String(m + 1).padStart(2, '0')}`))).join('')}</tr>`,
  );
  return `<table id="monthly">${header}${rows.join('')}</table>`;
}

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
const pct = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(2)}%` : String(value));
const num = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : String(value));
const money = (value: number) => (Number.isFinite(value) ? formatDollars(value) : String(value));
const price = (value: number) =>
  `$${value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
