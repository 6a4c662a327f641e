import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../../functions/catalog';
import { ALL_TABLES, TABLES, type TableName, type TableSpec } from '../adapters/dynamodb/table-specs';
import { QUEUES } from '../adapters/sqs/queue-specs';
import { ORDER_WORKFLOWS, WORKFLOWS } from '../workflows/workflow-specs';
import { StratusAuth } from './constructs/auth';
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
    const web = new StratusWebSite(this, 'Web');
    const auth = new StratusAuth(this, 'Auth', { webUrl: web.url });
    const reportQueue = queues.bySpec.get(QUEUES.executionReports)!;

    // Names and URLs are not secrets: every function learns them all, but may touch only its own.
    const environment: Record<string, string> = {
      ...Object.fromEntries(
        ALL_TABLES.map((spec) => [spec.envVar, tables.table(spec.name as TableName).tableName]),
      ),
      ...Object.fromEntries([...queues.bySpec].map(([spec, queue]) => [spec.envVar, queue.queueUrl])),
      ...(props.broker
        ? {
            STRATUS_BROKER: props.broker.mode,
            STRATUS_ALPACA_SECRET_ARN: props.broker.secretArn,
            STRATUS_ACCOUNT_ID: props.broker.accountId,
            ...(props.broker.liveConfirm ? { STRATUS_ALPACA_LIVE_CONFIRM: props.broker.liveConfirm } : {}),
          }
        : {}),
    };
    const constructs = new Map<FunctionName, StratusFunction>();
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const construct = new StratusFunction(this, `Fn-${name}`, {
        name,
        environment,
        version: props.version,
      });
      const fn = construct.function;
      for (const [tableName, access] of Object.entries(spec.tables) as [TableName, 'read' | 'readwrite'][]) {
        const table = tables.table(tableName);
        if (access === 'readwrite') table.grantReadWriteData(fn);
        else table.grantReadData(fn);
        if ((TABLES[tableName] as TableSpec).indexes) {
          Validations.of(construct).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(table.node.defaultChild as CfnTable)}.Arn>/index/*]`,
            reason: `Queries the ${tableName} table's own secondary indexes (table-arn/index/*); no other table's.`,
          });
        }
      }
      if (spec.sendsReports) reportQueue.grantSendMessages(fn);
      // Every function may price (market data) and some send orders: all read the one Alpaca secret.
      if (props.broker)
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['secretsmanager:GetSecretValue'],
            resources: [props.broker.secretArn],
          }),
        );
      if (spec.consumesReports) {
        fn.addEventSource(new SqsEventSource(reportQueue, { batchSize: 10, reportBatchItemFailures: true }));
      }
      constructs.set(name, construct);
    }
    const functions = new Map([...constructs].map(([name, construct]) => [name, construct.function]));
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      if (spec.cognitoTrigger === 'postAuthentication')
        auth.userPool.addTrigger(UserPoolOperation.POST_AUTHENTICATION, functions.get(name)!);
    }
    this.functions = functions;

    const workflows = new StratusWorkflows(this, 'Workflows', { functions });
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      if (!spec.managesWorkflows) continue;
      const construct = constructs.get(name)!;
      for (const workflow of ORDER_WORKFLOWS) {
        const machine = workflows.bySpec.get(workflow)!;
        construct.function.addEnvironment(workflow.envVar, machine.stateMachineArn);
        machine.grantStartExecution(construct.function);
        construct.function.addToRolePolicy(
          new PolicyStatement({
            actions: ['states:StopExecution', 'states:DescribeExecution'],
            resources: [
              `arn:${this.partition}:states:${this.region}:${this.account}:execution:${machine.stateMachineName}:*`,
            ],
          }),
        );
      }
      for (const workflow of ORDER_WORKFLOWS) {
        const machine = workflows.bySpec.get(workflow)!;
        const logicalId = this.getLogicalId(machine.node.defaultChild as CfnStateMachine);
        Validations.of(construct).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${logicalId}.Name>:*]`,
          reason: `Executions are named after orders, so StopExecution/DescribeExecution are granted on the ${workflow.name} machine's executions only.`,
        });
      }
    }
    new StratusSchedules(this, 'Schedules', {
      functions,
      engineCycle: workflows.bySpec.get(WORKFLOWS.engineCycle)!,
    });
    const risk = new StratusRiskAlarms(this, 'Risk', { functions });
    new CfnOutput(this, 'AlertTopicArn', {
      value: risk.topic.topicArn,
      description: 'Subscribe an email or phone to receive critical risk alerts',
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
    new CfnOutput(this, 'WebUrl', { value: web.url, description: 'The Stratus web UI' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
  }
}
