import type { NotificationSettingsStore } from '../ports/notification-settings';
import type { AlertPublisher, AlertStore } from '../ports/risk-alerts';
import { notificationSettingsOf } from './notification-settings';
import { raiseAlert } from '../risk/raise-alert';

/** The id prefix of the alert each pre-trade rejection lists (notify: false). */
export const REJECTION_ALERT_PREFIX = 'REJECT#';

/**
 * After a rejection was listed: when the account's rejections within the window reach the
 * threshold, one warning for the window (its id names the window, so a storm raises it once).
 */
export async function alertOnRejectionBurst(
  deps: {
    alerts: AlertStore;
    alertPublisher: AlertPublisher;
    notificationSettings?: NotificationSettingsStore;
  },
  accountId: string,
  at: Date,
): Promise<void> {
  const settings = await notificationSettingsOf(deps.notificationSettings, accountId);
  const windowMs = settings.rejectionWindowSeconds * 1_000;
  const since = at.getTime() - windowMs;
  const recent = await deps.alerts.list(accountId, {
    limit: Math.max(50, settings.rejectionAlertCount),
    level: 'warning',
  });
  const rejections = recent.filter(
    (alert) => alert.alertId.startsWith(REJECTION_ALERT_PREFIX) && Date.parse(alert.at) > since,
  );
  if (rejections.length < settings.rejectionAlertCount) return;
  const window = Math.floor(at.getTime() / windowMs);
  const codes = [...new Set(rejections.map((alert) => alert.code))].join(', ');
  await raiseAlert(deps, {
    accountId,
    alertId: `REJECTIONS#${window}`,
    level: 'warning',
    code: 'REJECTIONS_ABOVE_THRESHOLD',
    message: `${rejections.length} orders rejected in the last ${windowText(settings.rejectionWindowSeconds)} (${codes}); latest: ${rejections[0]!.message}`,
    at: at.toISOString(),
    detail: {
      count: rejections.length,
      codes: codes.split(', '),
      windowSeconds: settings.rejectionWindowSeconds,
    },
  });
}

function windowText(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}
