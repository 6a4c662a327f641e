import { drawdownSeries } from '../../core/analytics';
import type { BacktestResult } from '../../core/backtest';
import { chart, escape, iso, money, num, pct, price } from '../reports/html-parts';

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
