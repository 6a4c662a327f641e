import type { RiskAlert } from '../../core/risk/alerts';
import type { AlertPublisher, AlertStore } from '../ports/risk-alerts';

/**
 * Stores an alert (once per id) and, when it is new, publishes it to the alert topic, where each
 * channel takes the levels it was configured for (unless the alert is `notify: false`). A failed
 * publication propagates to the caller's log; the stored alert stays listed either way.
 */
export async function raiseAlert(
  deps: { alerts: AlertStore; alertPublisher: AlertPublisher },
  alert: RiskAlert,
): Promise<boolean> {
  const isNew = await deps.alerts.raise(alert);
  if (isNew && alert.notify !== false) await deps.alertPublisher.publish(alert);
  return isNew;
}
