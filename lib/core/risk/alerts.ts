/** How loud an alert is. Every alert is listed and published to the alert topic; each channel
 * (email, webhook) takes those at or above its own level. */
export const ALERT_LEVELS = ['info', 'warning', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * A risk alert. `alertId` is deterministic for alerts that must be raised once (a limit crossing
 * 75 % in a session), so raising it again is a no-op.
 */
export interface RiskAlert {
  accountId: string;
  alertId: string;
  level: AlertLevel;
  /** Stable SCREAMING_SNAKE reason code, e.g. DAILY_LOSS_LIMIT, ORDER_REJECTED. */
  code: string;
  message: string;
  at: string;
  /** For limit alerts: which limit and how much of it is used (1 = 100 %). */
  limit?: string;
  utilization?: number;
  detail?: Record<string, unknown>;
  /**
   * `false`: listed, never sent to people. Each pre-trade rejection is such an alert; a burst of
   * them (REJECTIONS_ABOVE_THRESHOLD) is what the channels hear.
   */
  notify?: false;
}

/** The utilization steps that raise an alert, and their levels. */
const UTILIZATION_STEPS: readonly { threshold: number; level: AlertLevel }[] = [
  { threshold: 0.5, level: 'info' },
  { threshold: 0.75, level: 'warning' },
  { threshold: 0.9, level: 'warning' },
  { threshold: 1, level: 'critical' },
];

/** The highest step a utilization has reached, or null below the first. */
export function utilizationStep(utilization: number): { threshold: number; level: AlertLevel } | null {
  let reached: { threshold: number; level: AlertLevel } | null = null;
  for (const step of UTILIZATION_STEPS) if (utilization >= step.threshold) reached = step;
  return reached;
}
