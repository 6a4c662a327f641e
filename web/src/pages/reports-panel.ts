import { api } from '../api';
import { fill, h, row, table } from '../dom';
import { time } from '../format';
import { notificationSettingsForm } from './notification-settings-form';

interface Report {
  label: string;
  html: string;
}

interface Kept {
  reports: { key: string; period: string; label: string; format: string; bytes: number; stored_at: string }[];
}

interface Deliveries {
  deliveries: {
    at: string;
    kind: string;
    code: string;
    attempts: number;
    delivered: boolean;
    error: string | null;
  }[];
}

/** Saves a kept report (the API answers it base64-encoded) under its own file name. */
async function download(key: string, status: HTMLElement): Promise<void> {
  try {
    const file = await api.get<{ content_type: string; base64: string }>(
      `/api/reports/file?key=${encodeURIComponent(key)}`,
    );
    const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
    const link = h('a', {
      href: URL.createObjectURL(new Blob([bytes], { type: file.content_type })),
      download: key.replaceAll('/', '-'),
    });
    link.click();
    status.textContent = `${key} downloaded.`;
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
  }
}

/**
 * The performance reports (today's, this month's: opened in a new tab, ready to print or save as
 * PDF) and the alert channel's latest deliveries: delivered, or why not.
 */
export function reportsPanel(): HTMLElement {
  const status = h('p', { class: 'muted', role: 'status' });
  const open = (period: 'daily' | 'monthly') => async () => {
    status.textContent = 'Preparing the report…';
    try {
      const report = await api.get<Report>(`/api/reports/performance?period=${period}`);
      const url = URL.createObjectURL(new Blob([report.html], { type: 'text/html' }));
      window.open(url, '_blank', 'noopener');
      status.textContent = `The ${period} report ${report.label} opened in a new tab (print it to save a PDF, or run stratus report).`;
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    }
  };
  const kept = h('div');
  void api
    .get<Kept>('/api/reports')
    .then(({ reports }) =>
      fill(
        kept,
        table(
          ['Kept after the close', 'Format', 'Size'],
          reports
            .slice(0, 12)
            .map((report) =>
              row([
                h(
                  'button',
                  { type: 'button', class: 'link', onclick: () => void download(report.key, status) },
                  `${report.period} ${report.label}`,
                ),
                report.format.toUpperCase(),
                `${Math.ceil(report.bytes / 1024)} KB`,
              ]),
            ),
          'None kept yet: the archiver keeps each session’s report after the close (16:15 New York).',
        ),
        reports.length > 0
          ? h(
              'p',
              { class: 'muted' },
              `In .stratus/reports on this machine; in AWS in the ReportsBucket (${reports[0]!.key}).`,
            )
          : '',
      ),
    )
    .catch(() => undefined);
  const deliveries = h('div');
  void api
    .get<Deliveries>('/api/notifications/deliveries?limit=10')
    .then(({ deliveries: list }) =>
      fill(
        deliveries,
        table(
          ['When', 'What', 'Attempts', 'Delivered'],
          list.map((delivery) =>
            row([
              time(delivery.at),
              `${delivery.kind === 'digest' ? 'digest' : delivery.code}`,
              String(delivery.attempts),
              delivery.delivered ? 'yes' : `no — ${delivery.error ?? 'refused'}`,
            ]),
          ),
          'No notification sent yet (set STRATUS_ALERT_WEBHOOK_URL, or deploy with -c alertWebhookSecretArn).',
        ),
      ),
    )
    .catch(() => undefined);
  return h(
    'div',
    { class: 'columns' },
    h(
      'section',
      { 'aria-labelledby': 'reports-title' },
      h('h2', { id: 'reports-title' }, 'Reports'),
      h('button', { type: 'button', onclick: open('daily') }, 'Daily report'),
      ' ',
      h('button', { type: 'button', onclick: open('monthly') }, 'Monthly report'),
      status,
      kept,
    ),
    h(
      'section',
      { 'aria-labelledby': 'deliveries-title' },
      h('h2', { id: 'deliveries-title' }, 'Notifications'),
      deliveries,
      notificationSettingsForm(),
    ),
  );
}
