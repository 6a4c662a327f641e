import { type AlarmEvent, RISK_ALARMS, type RiskAlarmSpec } from '../app/risk/risk-alarms';

/**
 * CloudWatch's alarm evaluation for the local host: the same alarm definitions CDK deploys, fed
 * what the risk monitor returns each run — one run is one period; a run that failed or returned
 * nothing is a period with no datapoint, treated as each alarm's `missingData` says. An alarm
 * goes to ALARM when its last `periods` periods all breach; on that transition an alarm that
 * halts trading invokes the alarm function with the event a Lambda alarm action delivers; once
 * a period no longer breaches it returns to OK and may fire again.
 */
export class LocalAlarms {
  private readonly states = new Map<string, 'OK' | 'ALARM'>();
  private readonly breachingPeriods = new Map<string, number>();

  constructor(
    private readonly onAlarm: (event: AlarmEvent, spec: RiskAlarmSpec) => Promise<void>,
    private readonly specs: readonly RiskAlarmSpec[] = RISK_ALARMS,
  ) {}

  /** One period: the metrics of a monitor run, or `null` when the run published nothing. */
  async evaluate(metrics: Readonly<Record<string, number>> | null): Promise<void> {
    for (const spec of this.specs) {
      const datapoint = metrics?.[spec.metric];
      let breaching: boolean;
      let reason: string;
      if (datapoint === undefined) {
        if (spec.missingData === 'ignore') continue;
        breaching = true;
        reason = `no datapoint for ${spec.metric} (missing data is breaching)`;
      } else {
        const value = spec.statistic === 'SampleCount' ? 1 : datapoint;
        breaching = spec.comparison === 'atOrAbove' ? value >= spec.threshold : value < spec.threshold;
        reason = `Threshold Crossed: ${spec.metric} ${spec.statistic} ${value} ${spec.comparison === 'atOrAbove' ? '>=' : '<'} ${spec.threshold}`;
      }
      const streak = breaching ? (this.breachingPeriods.get(spec.id) ?? 0) + 1 : 0;
      this.breachingPeriods.set(spec.id, streak);
      const previous = this.states.get(spec.id) ?? 'OK';
      const next = streak >= spec.periods ? 'ALARM' : 'OK';
      this.states.set(spec.id, next);
      if (next === 'ALARM' && previous === 'OK') await this.onAlarm(alarmEvent(spec, reason), spec);
    }
  }

  state(id: string): 'OK' | 'ALARM' {
    return this.states.get(id) ?? 'OK';
  }
}

function alarmEvent(spec: RiskAlarmSpec, reason: string): AlarmEvent {
  return {
    source: 'aws.cloudwatch',
    alarmArn: `arn:aws:cloudwatch:local:000000000000:alarm:${spec.id}`,
    alarmData: {
      alarmName: spec.id,
      state: { value: 'ALARM', reason, timestamp: new Date().toISOString() },
      previousState: { value: 'OK' },
    },
  };
}
