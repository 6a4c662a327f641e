import { type AlarmEvent, RISK_ALARMS, type RiskAlarmSpec } from '../app/risk/risk-alarms';

/**
 * CloudWatch's alarm evaluation for the local host: the same alarm definitions CDK deploys,
 * fed the metrics the risk monitor returns each run (one datapoint = one period). On the
 * transition into ALARM an alarm that halts trading invokes the alarm function with the event
 * a Lambda alarm action delivers; back below the threshold it returns to OK and may fire again.
 */
export class LocalAlarms {
  private readonly states = new Map<string, 'OK' | 'ALARM'>();

  constructor(
    private readonly onAlarm: (event: AlarmEvent, spec: RiskAlarmSpec) => Promise<void>,
    private readonly specs: readonly RiskAlarmSpec[] = RISK_ALARMS,
  ) {}

  async evaluate(metrics: Readonly<Record<string, number>>): Promise<void> {
    for (const spec of this.specs) {
      const value = metrics[spec.metric];
      if (value === undefined) continue;
      const previous = this.states.get(spec.id) ?? 'OK';
      const next = value >= spec.threshold ? 'ALARM' : 'OK';
      this.states.set(spec.id, next);
      if (next === 'ALARM' && previous === 'OK') {
        const at = new Date().toISOString();
        await this.onAlarm(
          {
            source: 'aws.cloudwatch',
            alarmArn: `arn:aws:cloudwatch:local:000000000000:alarm:${spec.id}`,
            alarmData: {
              alarmName: spec.id,
              state: {
                value: 'ALARM',
                reason: `Threshold Crossed: ${spec.metric} ${value} >= ${spec.threshold}`,
                timestamp: at,
              },
              previousState: { value: 'OK' },
            },
          },
          spec,
        );
      }
    }
  }

  state(id: string): 'OK' | 'ALARM' {
    return this.states.get(id) ?? 'OK';
  }
}
