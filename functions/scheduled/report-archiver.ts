import { findChromium, printPdf } from '../../lib/adapters/pdf/chromium-pdf';
import { logger } from '../../lib/api/observability';
import { archiveReports } from '../../lib/app/reports/archive-reports';
import { dependencies } from '../shared/dependencies';
import { alertPublisher } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/**
 * After the close, asked every 5 minutes until late evening: keeps the session's reports
 * (daily, and monthly on a month's last session) and sends the daily summary; asked again, it
 * finds them kept and does nothing. A PDF beside each HTML report where the host has Chromium
 * (the local host's machine); a Lambda has none, so in AWS the archive holds the HTML, which
 * prints to the same PDF from any browser or `stratus report --out x.pdf`.
 */
export const handler = taskHandler(async () => {
  const deps = dependencies();
  const archive = await deps.reportArchive();
  const chromium = findChromium();
  const run = await archiveReports({
    accounts: deps.accounts,
    equitySnapshots: deps.equitySnapshots,
    history: deps.marketData,
    clock: deps.clock,
    alerts: deps.alerts,
    alertPublisher: alertPublisher(),
    orders: deps.orders,
    archive,
    ...(chromium ? { printPdf: (html: string) => printPdf(html, chromium) } : {}),
  });
  if (run.stored.length > 0) logger.info('reports kept', { date: run.date, stored: run.stored });
  return run;
});
