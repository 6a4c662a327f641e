import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaAction, SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  FUNCTIONS,
  type FunctionName,
  type FunctionSpec,
  invokedAsynchronously,
} from '../../platform/function-catalog';
import { QUEUES } from '../../adapters/sqs/queue-specs';
import {
  RISK_ALARMS,
  RISK_METRICS_NAMESPACE,
  RISK_METRICS_SERVICE,
  type RiskAlarmSpec,
} from '../../app/risk/risk-alarms';
import type { StratusQueues } from './queues';

/** How many retries Lambda makes of a failed asynchronous invocation before its on-failure destination. */
const ASYNC_RETRY_ATTEMPTS = 2;

/**
 * Alarms, failing closed. The risk alarms of lib/app/risk/risk-alarms.ts on the risk monitor's
 * EMF metrics (the ones that halt trading also invoke the alarm function: the kill switch), a
 * silent monitor included; every function's errors and throttles; every dead-letter queue and
 * the failed-invocations queue. Every alarm notifies the topic. Every asynchronously invoked
 * function sends its failures to the failed-invocations queue.
 */
export class StratusRiskAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: { functions: ReadonlyMap<FunctionName, IFunction>; topic: Topic; queues: StratusQueues },
  ) {
    super(scope, id);
    const notify = new SnsAction(props.topic);
    const haltTargets = (Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][])
      .filter(([, spec]) => spec.haltsOnAlarm)
      .map(([name]) => props.functions.get(name)!);
    // Each alarm invokes the kill switch with a permission of its own (one per alarm and function).
    const haltActions = (): IAlarmAction[] =>
      haltTargets.map((fn) => new LambdaAction(fn, { useUniquePermissionId: true }));

    for (const spec of RISK_ALARMS) this.riskAlarm(spec, notify, spec.haltsTrading ? haltActions() : []);

    const failures = props.queues.bySpec.get(QUEUES.failedInvocations)!;
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const fn = props.functions.get(name)!;
      if (invokedAsynchronously(spec))
        fn.configureAsyncInvoke({
          onFailure: new SqsDestination(failures),
          retryAttempts: ASYNC_RETRY_ATTEMPTS,
        });
      // A failing risk monitor halts at once; the heartbeat alarm catches one that stops running.
      const errorActions = spec.publishesRiskMetrics ? [notify, ...haltActions()] : [notify];
      this.add(
        `${name}-errors`,
        `${name} failed (an error or a timeout)`,
        fn.metricErrors({ period: Duration.minutes(1) }),
        errorActions,
      );
      this.add(
        `${name}-throttles`,
        `${name} was throttled`,
        fn.metricThrottles({ period: Duration.minutes(1) }),
        [notify],
      );
    }
    for (const [index, queue] of [...props.queues.deadLetterQueues, failures].entries()) {
      this.add(
        `queue-depth-${index}`,
        `Messages wait in ${queue.node.path}: work that failed and needs a look`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        [notify],
      );
    }
  }

  private riskAlarm(spec: RiskAlarmSpec, notify: IAlarmAction, haltActions: IAlarmAction[]): void {
    const alarm = new Alarm(this, spec.id, {
      alarmName: `stratus-${spec.id}`,
      alarmDescription: spec.description,
      metric: new Metric({
        namespace: RISK_METRICS_NAMESPACE,
        metricName: spec.metric,
        dimensionsMap: { service: RISK_METRICS_SERVICE },
        statistic: spec.statistic,
        period: Duration.minutes(1),
      }),
      threshold: spec.threshold,
      comparisonOperator:
        spec.comparison === 'atOrAbove'
          ? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
          : ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: spec.periods,
      datapointsToAlarm: spec.periods,
      treatMissingData:
        spec.missingData === 'breaching' ? TreatMissingData.BREACHING : TreatMissingData.IGNORE,
    });
    alarm.addAlarmAction(notify, ...haltActions);
    this.alarms.push(alarm);
  }

  /** An operational alarm: at least one in a minute; no data is no trouble. */
  private add(id: string, description: string, metric: Metric, actions: IAlarmAction[]): void {
    const alarm = new Alarm(this, id, {
      alarmName: `stratus-${id}`,
      alarmDescription: description,
      metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(...actions);
    this.alarms.push(alarm);
  }
}
