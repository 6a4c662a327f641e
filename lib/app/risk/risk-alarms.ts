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
  /** The alarm fires when the period's maximum is at or above this. */
  threshold: number;
  description: string;
  /** True: the alarm invokes the emergency-stop function (the kill switch); else it only notifies. */
  haltsTrading: boolean;
}

export const RISK_ALARMS: readonly RiskAlarmSpec[] = [
  {
    id: 'DailyLossLimitBreached',
    metric: 'DailyLossLimitUtilization',
    threshold: 100,
    description: 'An account lost its daily loss limit since the session open: trading is halted',
    haltsTrading: true,
  },
  {
    id: 'RiskLimitBreached',
    metric: 'LimitBreaches',
    threshold: 1,
    description: 'A risk limit (VaR, concentration, losing streak, daily loss) is at or over 100%',
    haltsTrading: false,
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
