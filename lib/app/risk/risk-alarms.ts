/**
 * The CloudWatch alarms on the risk metrics. CDK creates exactly these (lib/cloud/constructs/
 * risk-alarms.ts) and the local host evaluates the same definitions on its timer, so the alarm
 * path that halts trading is one definition in both places.
 */
export const RISK_METRICS_NAMESPACE = 'Stratus';
/** The Powertools `service` dimension the monitor's metrics carry (alarms must match it). */
export const RISK_METRICS_SERVICE = 'stratus';

/** Metric names the risk monitor publishes (the worst value across accounts, each run). */
export type RiskMetricName =
  | 'DailyPnl'
  | 'DailyLossLimitUtilization'
  | 'DrawdownPercent'
  | 'VarLimitUtilization'
  | 'MaxConcentrationUtilization'
  | 'LimitBreaches';

export interface RiskAlarmSpec {
  id: string;
  metric: RiskMetricName;
  /**
   * `Maximum`: the worst value of a one-minute period; `SampleCount`: how many runs published
   * it in the period (a heartbeat: the monitor publishes every metric on every run).
   */
  statistic: 'Maximum' | 'SampleCount';
  /** The alarm fires when the statistic is at or above (`atOrAbove`) or below (`below`) this. */
  comparison: 'atOrAbove' | 'below';
  threshold: number;
  /** Consecutive one-minute periods that must all breach. */
  periods: number;
  /**
   * A period with no datapoint: `breaching` (a silent monitor is a failed one: fail closed) or
   * `ignore` (keep the current state — a breach is never cleared by data going missing).
   */
  missingData: 'breaching' | 'ignore';
  description: string;
  /** True: the alarm invokes the emergency-stop function (the kill switch); else it only notifies. */
  haltsTrading: boolean;
}

export const RISK_ALARMS: readonly RiskAlarmSpec[] = [
  {
    id: 'DailyLossLimitBreached',
    metric: 'DailyLossLimitUtilization',
    statistic: 'Maximum',
    comparison: 'atOrAbove',
    threshold: 100,
    periods: 1,
    missingData: 'ignore',
    description: 'An account lost its daily loss limit since the session open: trading is halted',
    haltsTrading: true,
  },
  {
    id: 'RiskLimitBreached',
    metric: 'LimitBreaches',
    statistic: 'Maximum',
    comparison: 'atOrAbove',
    threshold: 1,
    periods: 1,
    missingData: 'ignore',
    description: 'A risk limit (VaR, concentration, losing streak, daily loss) is at or over 100%',
    haltsTrading: false,
  },
  {
    id: 'RiskMonitorSilent',
    metric: 'DailyLossLimitUtilization',
    statistic: 'SampleCount',
    comparison: 'below',
    threshold: 1,
    // Three empty minutes in a row: a scheduled run may land either side of a minute's edge,
    // so one empty period is jitter, three are a monitor that is failing or not running.
    periods: 3,
    missingData: 'breaching',
    description:
      'The risk monitor published nothing for three minutes (it fails, is throttled or is not running): nothing watches the limits, so trading is halted',
    haltsTrading: true,
  },
];

/** The event a CloudWatch alarm's Lambda action delivers (the fields Stratus reads). */
export interface AlarmEvent {
  source: string;
  alarmArn?: string;
  alarmData: {
    alarmName: string;
    state: { value: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'; reason: string; timestamp?: string };
    previousState?: { value: string; reason?: string };
  };
}
