import type { ChannelLevel } from '../platform/alert-channels';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../platform/function-catalog';
import { WORKFLOWS } from '../workflows/workflow-specs';
import { StratusAlertTopic } from './constructs/alert-topic';
import { StratusFunctionAccess } from './constructs/function-access';
import { StratusAuth } from './constructs/auth';
import { StratusDatasets } from './constructs/datasets';
import { StratusReports } from './constructs/reports';
import { StratusHttpApi } from './constructs/http-api';
import { StratusQueues } from './constructs/queues';
import { StratusRiskAlarms } from './constructs/risk-alarms';
import { StratusSchedules } from './constructs/schedules';
import { StratusFunction } from './constructs/stratus-function';
import { StratusTables } from './constructs/tables';
import { StratusWebSite } from './constructs/web-site';
import { StratusWorkflows } from './constructs/workflows';

export interface StratusStackProps extends StackProps {
  /** The release being deployed; reported by /api/health. */
  version: string;
  /**
   * Trade through Alpaca instead of the paper venue. The keys live in a Secrets Manager secret
   * you create (`{"key_id","secret_key"}`); only its ARN is given here, and only its ARN is in
   * the template. `alpaca-live` also needs `liveConfirm: 'real-money'`.
   */
  broker?: {
    mode: 'alpaca-paper' | 'alpaca-live';
    secretArn: string;
    /** The Stratus account (Cognito `custom:account_id`) the Alpaca account trades for. */
    accountId: string;
    liveConfirm?: string;
  };
  /**
   * Where alerts go besides the API: an email address subscribed to the alert topic (SNS asks it
   * to confirm), and a Slack-compatible webhook whose URL lives in a Secrets Manager secret you
   * create (`{"url": "https://hooks…"}`) — delivered by the alertDelivery function with retries,
   * a digest in a storm and a dead-letter queue. Only the ARN is in the template.
   */
  notifications?: {
    email?: string;
    emailLevel?: ChannelLevel;
    webhookSecretArn?: string;
    webhookLevel?: ChannelLevel;
  };
}

/**
 * Stratus in one AWS account. The stack only composes constructs, one per capability; each
 * function gets exactly the access its catalog entry declares (tables, queue, workflows).
 */
export class StratusStack extends Stack {
  readonly functions: ReadonlyMap<FunctionName, IFunction>;

  constructor(scope: Construct, id: string, props: StratusStackProps) {
    super(scope, id, props);
    const tables = new StratusTables(this, 'Tables');
    const queues = new StratusQueues(this, 'Queues');
    const alerts = new StratusAlertTopic(this, 'Alerts');
    const web = new StratusWebSite(this, 'Web');
    const auth = new StratusAuth(this, 'Auth', { webUrl: web.url });
    const datasets = new StratusDatasets(this, 'Datasets', { accessLogs: web.logs });
    const reports = new StratusReports(this, 'Reports', { accessLogs: web.logs });

    // Settings every function reads; where its resources are comes with its grants, below.
    const settings: Record<string, string> = props.broker
      ? {
          STRATUS_BROKER: props.broker.mode,
          STRATUS_ALPACA_SECRET_ARN: props.broker.secretArn,
          STRATUS_ACCOUNT_ID: props.broker.accountId,
          ...(props.broker.liveConfirm ? { STRATUS_ALPACA_LIVE_CONFIRM: props.broker.liveConfirm } : {}),
        }
      : {};
    const constructs = new Map<FunctionName, StratusFunction>();
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      constructs.set(
        name,
        new StratusFunction(this, `Fn-${name}`, { name, environment: settings, version: props.version }),
      );
    }
    const functions = new Map([...constructs].map(([name, construct]) => [name, construct.function]));
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      if (spec.cognitoTrigger === 'postAuthentication')
        auth.userPool.addTrigger(UserPoolOperation.POST_AUTHENTICATION, functions.get(name)!);
    }
    this.functions = functions;

    const workflows = new StratusWorkflows(this, 'Workflows', { functions });
    // Each function's role and environment: exactly lib/platform/function-access.ts, nothing wider.
    new StratusFunctionAccess(this, 'Access', {
      functions: constructs,
      tables,
      queues,
      workflows,
      alerts,
      datasets,
      reports,
      ...(props.broker ? { brokerSecretArn: props.broker.secretArn } : {}),
      ...(props.notifications?.webhookSecretArn
        ? { webhookSecretArn: props.notifications.webhookSecretArn }
        : {}),
    });
    new StratusSchedules(this, 'Schedules', {
      functions,
      engineCycle: workflows.bySpec.get(WORKFLOWS.engineCycle)!,
    });
    new StratusRiskAlarms(this, 'Risk', { functions, topic: alerts.topic, queues });
    alerts.subscribe({
      ...(props.notifications?.email ? { email: props.notifications.email } : {}),
      ...(props.notifications?.emailLevel ? { emailLevel: props.notifications.emailLevel } : {}),
      ...(props.notifications?.webhookSecretArn ? { delivery: functions.get('alertDelivery')! } : {}),
      ...(props.notifications?.webhookLevel ? { webhookLevel: props.notifications.webhookLevel } : {}),
    });
    new CfnOutput(this, 'AlertTopicArn', {
      value: alerts.topic.topicArn,
      description: 'Subscribe an email or phone to receive risk alerts (filter on the level attribute)',
    });

    const http = new StratusHttpApi(this, 'Http', {
      functions,
      userPool: auth.userPool,
      client: auth.client,
      webOrigin: web.url,
    });
    web.deploy({
      apiUrl: http.api.apiEndpoint,
      cognito: {
        domain: auth.loginDomain.baseUrl(),
        clientId: auth.client.userPoolClientId,
        redirectUri: `${web.url}/`,
      },
    });
    new CfnOutput(this, 'ReportsBucket', {
      value: reports.bucket.bucketName,
      description:
        'The daily and monthly reports (HTML, PDF): aws s3 cp s3://<this>/<account>/daily/<date>.pdf .',
    });
    new CfnOutput(this, 'DatasetsBucket', {
      value: datasets.bucket.bucketName,
      description: 'Where backtests read datasets: aws s3 sync .stratus/datasets s3://<this>',
    });
    new CfnOutput(this, 'WebUrl', { value: web.url, description: 'The Stratus web UI' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
  }
}
