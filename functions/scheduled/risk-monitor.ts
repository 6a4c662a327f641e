import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../../lib/api/observability';
import { monitorRisk } from '../../lib/app/risk/monitor-risk';
import type { RiskMetricName } from '../../lib/app/risk/risk-alarms';
import { riskDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

const UNITS: Record<RiskMetricName, (typeof MetricUnit)[keyof typeof MetricUnit]> = {
  DailyPnl: MetricUnit.NoUnit,
  DailyLossLimitUtilization: MetricUnit.Percent,
  DrawdownPercent: MetricUnit.Percent,
  VarLimitUtilization: MetricUnit.Percent,
  MaxConcentrationUtilization: MetricUnit.Percent,
  LimitBreaches: MetricUnit.Count,
};

/**
 * The risk monitor: measures every account and publishes the worst of each risk metric as EMF
 * (CloudWatch alarms on them invoke the emergency stop); returns the same figures, which the
 * local host feeds to its evaluation of the same alarms.
 */
export const handler = taskHandler(async () => {
  const result = await monitorRisk(riskDependencies());
  for (const [name, value] of Object.entries(result.worst) as [RiskMetricName, number][]) {
    metrics.addMetric(name, UNITS[name], value);
  }
  metrics.publishStoredMetrics();
  return { metrics: result.worst, accounts: result.accounts.length };
});
