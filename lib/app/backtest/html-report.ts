import { drawdownSeries } from '../../core/analytics';
import type { BacktestResult } from '../../core/backtest';

/**
 * A self-contained HTML report of a backtest: metrics, equity and drawdown charts (inline SVG:
 * no script, no network), a monthly-returns heat map and the trade table. One file to keep or send.
 */
export function backtestReportHtml(title: string, result: BacktestResult): string {
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
svg{width:100%;height:220px;border:1px solid #d8dee4;border-radius:6px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}
</style></head><body>
<h1>${escape(title)}</h1>
<p>${result.bars.toLocaleString('en')} bars, ${time.length ? `${iso(time[0]!)} to ${iso(time[time.length - 1]!)}` : 'no data'}.</p>
<div class="metrics">${metrics.map(([k, v]) => `<div class="metric">${escape(k)}<b>${escape(v)}</b></div>`).join('')}</div>
<h2>Equity</h2>
${chart('equity-chart', value, '#0969da', false)}
<h2>Drawdown</h2>
${chart('drawdown-chart', drawdownSeries(result.equity.value, result.initialEquity), '#cf222e', true)}
<h2>Monthly returns</h2>
${monthlyTable(time, value, result.initialEquity)}
<h2>Trades</h2>
<table id="trades"><tr><th>Symbol</th><th>Direction</th><th>Quantity</th><th>Entry</th><th>Exit</th><th>Entry price</th><th>Exit price</th><th>Fees</th><th>P&amp;L</th></tr>
${result.trades
  .slice(0, 500)
  .map(
    (trade) =>
      `<tr><td>${escape(trade.symbol)}</td><td>${trade.direction}</td><td>${trade.quantity}</td><td>${trade.entryAt.slice(0, 16)}</td><td>${trade.exitAt.slice(0, 16)}</td><td>${trade.entryPrice.toFixed(4)}</td><td>${trade.exitPrice.toFixed(4)}</td><td>${trade.fees.toFixed(2)}</td><td>${trade.pnl.toFixed(2)}</td></tr>`,
  )
  .join('\n')}
</table>${result.trades.length > 500 ? `<p>First 500 of ${result.trades.length} trades.</p>` : ''}
</body></html>
`;
}

/** A polyline of at most ~1,000 points (every n-th), scaled into a 1000 × 200 view box. */
function chart(id: string, values: ArrayLike<number>, color: string, fill: boolean): string {
  if (values.length === 0) return `<svg id="${id}" viewBox="0 0 1000 200"></svg>`;
  const step = Math.max(1, Math.ceil(values.length / 1000));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  if (fill) max = Math.max(max, 0);
  const span = max - min || 1;
  const points: string[] = [];
  for (let i = 0; i < values.length; i += step) {
    const x = (i / Math.max(1, values.length - 1)) * 1000;
    const y = 195 - ((values[i]! - min) / span) * 190;
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  const shape = fill
    ? `<polygon points="0,${(195 - ((0 - min) / span) * 190).toFixed(1)} ${points.join(' ')} 1000,${(195 - ((0 - min) / span) * 190).toFixed(1)}" fill="${color}" fill-opacity="0.25" stroke="${color}"/>`
    : `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="1.5"/>`;
  return `<svg id="${id}" viewBox="0 0 1000 200" preserveAspectRatio="none">${shape}</svg>`;
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
const money = (value: number) =>
  `$${value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
