import type { AlertLevel, RiskAlert } from '../../core/risk/alerts';

/** Where alerts are kept and listed. */
export interface AlertStore {
  /** Stores the alert unless one with the same id exists; true when it was new. */
  raise(alert: RiskAlert): Promise<boolean>;
  /** Newest first; `limit` counts the alerts returned (after the `level` filter). */
  list(accountId: string, options?: { limit?: number; level?: AlertLevel }): Promise<RiskAlert[]>;
}

/** Tells people about alerts: the alert topic (SNS in AWS and the local host), or the log where there is none. */
export interface AlertPublisher {
  publish(alert: RiskAlert): Promise<void>;
}
