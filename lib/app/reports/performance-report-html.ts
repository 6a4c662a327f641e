import { drawdownSeries } from '../../core/analytics';
import type { PerformanceReport } from './performance-report';
import { chart, escape, money, num, pct } from './html-parts';

/**
 * A performance report as one self-contained HTML document (inline SVG, no script, no network),
 * laid out for print: the summary and equity on the first page, strategies and trades on the
 * second, risk and alerts on the third — what headless Chromium prints to PDF.
 */
export function performanceReportHtml(report: PerformanceReport): string {
  const { live } = report;
  const p = live.performance;
  const t = live.trades;
  const title = `Stratus performance report — ${report.period === 'monthly' ? 'month' : 'day'} ${report.label}`;
  const time = live.days.map((day) => Date.parse(`${day.date}T21:00:00Z`));
  const equity = live.days.map((day) => day.equityCents / 100);
  const metrics: [string, string][] = [
    ['Equity at the end', figure(equity.at(-1), money)],
    ['Total return', figure(p?.totalReturn, pct)],
    ['Annual volatility', figure(p?.annualVolatility, pct)],
    ['Sharpe', figure(p?.sharpe, num)],
    ['Sortino', figure(p?.sortino, num)],
    ['Calmar', figure(p?.calmar, num)],
    ['Max drawdown', figure(p?.maxDrawdown, pct)],
    ['Alpha', figure(p?.benchmark?.alpha, pct)],
    ['Beta', figure(p?.benchmark?.beta, num)],
    ['Information ratio', figure(p?.benchmark?.informationRatio, num)],
    ['Tracking error', figure(p?.benchmark?.trackingError, pct)],
    ['Win rate', figure(t.winRate, pct)],
    ['Profit factor', figure(t.profitFactor, num)],
    ['Net P&L (closed trades)', money(t.netPnl)],
    ['Commission', money(t.fees)],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
@page{size:A4;margin:14mm}
body{font:12px system-ui,sans-serif;color:#1b1f24;background:#fff;margin:0}
h1{font-size:18px;margin:0 0 4px} h2{font-size:15px;margin-top:22px}
h2.page{break-before:page;margin-top:0}
.muted{color:#57606a}
.metrics{display:grid;grid-template-columns:repeat(5,1fr);gap:6px}
.metric{border:1px solid #d8dee4;border-radius:6px;padding:6px}
.metric b{display:block;font-size:14px}
svg{width:100%;height:auto;border:1px solid #d8dee4;border-radius:6px}
svg .axis{font-size:13px;fill:#57606a}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;width:100%}
td,th{padding:3px 6px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}
</style></head><body>
<h1>${escape(title)}</h1>
<p class="muted">Account ${escape(report.accountId)} · figures from ${report.from} to ${report.to} · against ${escape(report.benchmark)} · generated ${escape(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>
<div class="metrics">${metrics.map(([k, v]) => `<div class="metric">${escape(k)}<b>${escape(v)}</b></div>`).join('')}</div>
<h2>Equity</h2>
${equity.length > 1 ? chart('equity-chart', time, equity, '#0969da', false, money) : '<p>Fewer than two days of equity recorded in the period: no curve yet.</p>'}
<h2>Drawdown</h2>
${equity.length > 1 ? chart('drawdown-chart', time, drawdownSeries(equity, equity[0]!), '#cf222e', true, pct) : '<p>—</p>'}
${strategiesSection(report)}
${riskSection(report)}
</body></html>
`;
}

/** The second page: each strategy's record and the trades' statistics. */
function strategiesSection(report: PerformanceReport): string {
  const { live } = report;
  const t = live.trades;
  return `<h2 class="page">Strategies</h2>
${table(
  ['Strategy', 'Realised P&L', 'Closed trades', 'Wins', 'Win rate'],
  live.strategies.map((s) => [
    s.strategyId,
    money(s.realizedPnlCents / 100),
    String(s.trades),
    String(s.wins),
    figure(s.winRate, pct),
  ]),
  'No strategy closed a trade in the period.',
)}
<h2>Trades</h2>
${table(
  [
    'Closed trades',
    'Wins',
    'Losses',
    'Average win',
    'Average loss',
    'Largest win',
    'Largest loss',
    'Average holding (h)',
  ],
  [
    [
      String(t.trades),
      String(t.wins),
      String(t.losses),
      figure(t.averageWin, money),
      figure(t.averageLoss, money),
      figure(t.largestWin, money),
      figure(t.largestLoss, money),
      figure(t.averageHoldingHours, num),
    ],
  ],
  '',
)}${t.complete ? '' : '<p class="muted">Counted from the newest ledger entries only (a long period).</p>'}
${executionSection(report)}`;
}

/** The orders of the period: how well they were worked (slippage and shortfall against the arrival mid). */
function executionSection(report: PerformanceReport): string {
  const e = report.execution;
  const bps = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} bps`);
  const s = e.shortfall.all;
  return `<h2>Execution quality</h2>
${table(
  ['Orders', 'Filled', 'Fill rate', 'Value filled', 'Slippage vs arrival', 'Shortfall', 'Commission'],
  [
    [
      String(e.orders),
      String(e.filledOrders),
      figure(e.orders > 0 ? e.fillRate : undefined, pct),
      money(e.filledNotional),
      bps(e.averageSlippageBps),
      bps(s.averageBps),
      money(e.commissionCents / 100),
    ],
  ],
  '',
)}
${table(
  ['Shortfall, bps', 'Spread', 'Impact', 'Timing', 'Fees', 'Delay'],
  e.orders > 0
    ? [['all orders', bps(s.spreadBps), bps(s.impactBps), bps(s.timingBps), bps(s.feesBps), bps(s.delayBps)]]
    : [],
  'No order placed in the period.',
)}`;
}

/** The third page: the period's risk figures and its alerts. */
function riskSection(report: PerformanceReport): string {
  const { live } = report;
  const p = live.performance;
  return `<h2 class="page">Risk</h2>
${table(
  ['VaR 95 % (daily)', 'CVaR 95 % (daily)', 'Worst day', 'Days'],
  [
    [
      figure(p?.valueAtRisk, pct),
      figure(p?.conditionalValueAtRisk, pct),
      figure(minimum(live), pct),
      String(live.days.length),
    ],
  ],
  '',
)}
<h2>Limits used</h2>
${table(
  ['Limit', 'Highest use in the period', 'Level'],
  report.limitsUsed.map((used) => [used.limit, pct(used.utilization), used.level]),
  'No limit reached half of its use in the period.',
)}
<h2>Alerts</h2>
${table(
  ['When', 'Level', 'Code', 'Message'],
  report.alerts.map((alert) => [
    alert.at.slice(0, 16).replace('T', ' '),
    alert.level,
    alert.code,
    alert.message,
  ]),
  'No alert in the period.',
)}`;
}

function minimum(live: PerformanceReport['live']): number | undefined {
  const returns = live.days.slice(1).map((day, i) => day.equityCents / live.days[i]!.equityCents - 1);
  return returns.length > 0 ? Math.min(...returns) : undefined;
}

/** A figure, or a dash when there is none to show (no trade, too few days). */
function figure(value: number | null | undefined, format: (value: number) => string): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : format(value);
}

function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p>${escape(empty)}</p>`;
  return `<table><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>${rows
    .map((cells) => `<tr>${cells.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('')}</table>`;
}
