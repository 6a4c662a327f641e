import { REJECTION_BURST } from '../../core/notifications/channel-policies';
import type { AlertPublisher, AlertStore } from '../ports/risk-alerts';
import { raiseAlert } from '../risk/raise-alert';

/** The id prefix of the alert each pre-trade rejection lists (notify: false). */
export const REJECTION_ALERT_PREFIX = 'REJECT#';

/**
 * After a rejection was listed: when the account's rejections within the window reach the
 * threshold, one warning for the window (its id names the window, so a storm raises it once).
 */
export async function alertOnRejectionBurst(
  deps: { alerts: AlertStore; alertPublisher: AlertPublisher },
  accountId: string,
  at: Date,
): Promise<void> {
  const windowMs = REJECTION_BURST.windowSeconds * 1_000;
  const since = at.getTime() - windowMs;
  const recent = await deps.alerts.list(accountId, { limit: 50, level: 'warning' });
  const rejections = recent.filter(
    (alert) => alert.alertId.startsWith(REJECTION_ALERT_PREFIX) && Date.parse(alert.at) > since,
  );
  if (rejections.length < REJECTION_BURST.count) return;
  const window = Math.floor(at.getTime() / windowMs);
  const codes = [...new Set(rejections.map((alert) => alert.code))].join(', ');
  await raiseAlert(deps, {
    accountId,
    alertId: `REJECTIONS#${window}`,
    level: 'warning',
    code: 'REJECTIONS_ABOVE_THRESHOLD',
    message: `${rejections.length} orders rejected in the last ${REJECTION_BURST.windowSeconds / 60} minutes (${codes}); latest: ${rejections[0]!.message}`,
    at: at.toISOString(),
    detail: {
      count: rejections.length,
      codes: codes.split(', '),
      windowSeconds: REJECTION_BURST.windowSeconds,
    },
  });
}
