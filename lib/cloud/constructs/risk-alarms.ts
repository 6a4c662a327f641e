import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaAction, SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../../../functions/catalog';
import { RISK_ALARMS, RISK_METRICS_NAMESPACE, RISK_METRICS_SERVICE } from '../../app/risk/risk-alarms';

/** The environment variable that tells functions where critical alerts go. */
export const ALERT_TOPIC_ENV = 'STRATUS_ALERT_TOPIC_ARN';

/**
 * Risk alerting in AWS: the SNS topic people subscribe to (email, SMS) for critical alerts, and
 * the CloudWatch alarms of lib/app/risk/risk-alarms.ts on the risk monitor's EMF metrics. Every
 * alarm notifies the topic; the ones that halt trading also invoke the alarm function directly
 * (a Lambda alarm action), which pulls the emergency stop.
 */
export class StratusRiskAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: { functions: ReadonlyMap<FunctionName, IFunction> }) {
    super(scope, id);
    // A customer managed key: CloudWatch alarms cannot publish to a topic under the AWS managed SNS key.
    const key = new Key(this, 'AlertKey', {
      description: 'Encrypts the Stratus risk alert topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'Alerts', {
      displayName: 'Stratus risk alerts',
      masterKey: key,
      enforceSSL: true,
    });

    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const fn = props.functions.get(name);
      if (!fn || !spec.publishesAlerts) continue;
      // Explicit actions: grantPublish would add kms:GenerateDataKey* (a wildcard cdk-nag flags).
      fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }));
      key.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey');
      (fn as { addEnvironment?: (key: string, value: string) => void }).addEnvironment?.(
        ALERT_TOPIC_ENV,
        this.topic.topicArn,
      );
    }
    const haltTargets = (Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][])
      .filter(([, spec]) => spec.haltsOnAlarm)
      .map(([name]) => props.functions.get(name))
      .filter((fn): fn is IFunction => fn !== undefined);

    for (const spec of RISK_ALARMS) {
      const alarm = new Alarm(this, spec.id, {
        alarmName: `stratus-${spec.id}`,
        alarmDescription: spec.description,
        metric: new Metric({
          namespace: RISK_METRICS_NAMESPACE,
          metricName: spec.metric,
          dimensionsMap: { service: RISK_METRICS_SERVICE },
          statistic: 'Maximum',
          period: Duration.minutes(1),
        }),
        threshold: spec.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.topic));
      if (spec.haltsTrading) for (const fn of haltTargets) alarm.addAlarmAction(new LambdaAction(fn));
      this.alarms.push(alarm);
    }
  }
}
