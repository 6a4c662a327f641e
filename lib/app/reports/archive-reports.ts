import { formatDollars } from '../../core/money';
import { sessionClosingAfter, sessionsClosedBefore } from '../../core/market/nyse-calendar';
import type { PerformanceDependencies } from '../performance/live-performance';
import { type ReportArchive, reportKey } from '../ports/report-archive';
import type { AlertPublisher, AlertStore } from '../ports/risk-alerts';
import type { OrderRepository } from '../ports/order-repository';
import { raiseAlert } from '../risk/raise-alert';
import { performanceReport, type ReportPeriod } from './performance-report';
import { performanceReportHtml } from './performance-report-html';

export interface ArchiveDependencies extends PerformanceDependencies {
  alerts: AlertStore;
  alertPublisher: AlertPublisher;
  orders: OrderRepository;
  archive: ReportArchive;
  /** Prints a report's HTML to PDF (headless Chromium); absent where the host has none. */
  printPdf?: (html: string) => Promise<Uint8Array>;
}

export interface ArchiveRun {
  /** The session reported (the latest that has closed), or null before the first. */
  date: string | null;
  stored: string[];
}

/**
 * After the close: each account's daily report of the session that just ended — and on a
 * month's last session its monthly report — kept as HTML and PDF in the archive, and the daily
 * summary sent to the trader's channels (DAILY_SUMMARY, info). Asked again, it does nothing: a
 * report already kept is not written twice, and the summary's id is the session's.
 */
export async function archiveReports(deps: ArchiveDependencies): Promise<ArchiveRun> {
  const [session] = sessionsClosedBefore(deps.clock.now(), 1);
  if (!session) return { date: null, stored: [] };
  const stored: string[] = [];
  // The month's last session: the next one is in another month.
  const monthEnds = sessionClosingAfter(session.close).date.slice(0, 7) !== session.date.slice(0, 7);
  for (const accountId of await deps.accounts.listAccountIds()) {
    stored.push(...(await archiveOne(deps, accountId, 'daily', session.date)));
    if (monthEnds) stored.push(...(await archiveOne(deps, accountId, 'monthly', session.date.slice(0, 7))));
  }
  return { date: session.date, stored };
}

async function archiveOne(
  deps: ArchiveDependencies,
  accountId: string,
  period: ReportPeriod,
  label: string,
): Promise<string[]> {
  const htmlKey = reportKey(accountId, period, label, 'html');
  if (await deps.archive.has(htmlKey)) return [];
  const report = await performanceReport(deps, accountId, { period, date: label });
  const html = performanceReportHtml(report);
  const keys: string[] = [];
  // The PDF first: the HTML's presence is what marks the report as done.
  if (deps.printPdf) {
    const pdfKey = reportKey(accountId, period, label, 'pdf');
    await deps.archive.put(pdfKey, await deps.printPdf(html), 'application/pdf');
    keys.push(pdfKey);
  }
  await deps.archive.put(htmlKey, html, 'text/html; charset=utf-8');
  keys.push(htmlKey);
  if (period === 'daily') await dailySummary(deps, accountId, label, report.live, htmlKey);
  return keys;
}

/** The day in one message: equity, the day's P&L, trades and fees, and where the report is. */
async function dailySummary(
  deps: ArchiveDependencies,
  accountId: string,
  date: string,
  live: Awaited<ReturnType<typeof performanceReport>>['live'],
  key: string,
): Promise<void> {
  const today = live.days.find((day) => day.date === date);
  const before = live.days.filter((day) => day.date < date).at(-1);
  const equity = today ? today.equityCents / 100 : null;
  const pnl = today && before ? (today.equityCents - before.equityCents) / 100 : null;
  const signed = (dollars: number) => `${dollars < 0 ? '−' : '+'}${formatDollars(Math.abs(dollars))}`;
  await raiseAlert(deps, {
    accountId,
    alertId: `DAILY_SUMMARY#${date}`,
    level: 'info',
    code: 'DAILY_SUMMARY',
    message:
      `${date}: equity ${equity === null ? '—' : formatDollars(equity)}` +
      `${pnl === null ? '' : ` (${signed(pnl)} on the day)`}, ${live.trades.trades} round trips closed over the trailing month, ` +
      `fees ${formatDollars(live.trades.fees ?? 0)}; report ${key}`,
    at: deps.clock.now().toISOString(),
    detail: { date, equity, pnl, report: key },
  });
}
