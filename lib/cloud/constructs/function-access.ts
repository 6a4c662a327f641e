import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../../platform/function-catalog';
import { type AccessResource, grantsOf, resourceEnvironmentOf } from '../../platform/function-access';
import { QUEUES } from '../../adapters/sqs/queue-specs';
import { WORKFLOWS, type WorkflowSpec } from '../../workflows/workflow-specs';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { StratusAlertTopic } from './alert-topic';
import type { StratusDatasets } from './datasets';
import type { StratusReports } from './reports';
import type { StratusFunction } from './stratus-function';
import type { StratusQueues } from './queues';
import type { StratusTables } from './tables';
import type { StratusWorkflows } from './workflows';

/**
 * Gives every function the IAM statements and resource variables that lib/platform/function-access.ts
 * declares for it — the same declaration the local host enforces — and nothing else; wires the
 * report consumer to its queue.
 */
export class StratusFunctionAccess extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      functions: ReadonlyMap<FunctionName, StratusFunction>;
      tables: StratusTables;
      queues: StratusQueues;
      workflows: StratusWorkflows;
      alerts: StratusAlertTopic;
      datasets: StratusDatasets;
      reports: StratusReports;
      brokerSecretArn?: string;
      /** The alert webhook's secret (`{"url"}`): read by the function that delivers alerts only. */
      webhookSecretArn?: string;
    },
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    const machine = (name: WorkflowSpec['name']) => {
      const spec = Object.values(WORKFLOWS).find((workflow) => workflow.name === name)!;
      return props.workflows.bySpec.get(spec)!;
    };
    const queue = (name: keyof typeof QUEUES) => props.queues.bySpec.get(QUEUES[name])!;
    const arnOf = (resource: AccessResource): string => {
      switch (resource.kind) {
        case 'table':
          return props.tables.table(resource.table).tableArn;
        case 'table-indexes':
          return `${props.tables.table(resource.table).tableArn}/index/*`;
        case 'queue':
          return queue(resource.queue).queueArn;
        case 'state-machine':
          return machine(resource.workflow).stateMachineArn;
        case 'executions':
          return `arn:${stack.partition}:states:${stack.region}:${stack.account}:execution:${machine(resource.workflow).stateMachineName}:*`;
        case 'alert-topic':
          return props.alerts.topic.topicArn;
        case 'broker-secret':
          if (!props.brokerSecretArn) throw new Error('no broker secret is configured');
          return props.brokerSecretArn;
        case 'webhook-secret':
          if (!props.webhookSecretArn) throw new Error('no alert webhook secret is configured');
          return props.webhookSecretArn;
        case 'datasets':
          return props.datasets.bucket.bucketArn;
        case 'dataset-objects':
          return props.datasets.bucket.arnForObjects('*');
        case 'reports':
          return props.reports.bucket.bucketArn;
        case 'report-objects':
          return props.reports.bucket.arnForObjects('*');
      }
    };
    const locate = (resource: AccessResource): string => {
      switch (resource.kind) {
        case 'table':
          return props.tables.table(resource.table).tableName;
        case 'queue':
          return queue(resource.queue).queueUrl;
        case 'datasets':
          return `s3://${props.datasets.bucket.bucketName}`;
        case 'reports':
          return `s3://${props.reports.bucket.bucketName}`;
        default:
          return arnOf(resource);
      }
    };

    for (const [name, construct] of props.functions) {
      const spec: FunctionSpec = FUNCTIONS[name];
      const fn = construct.function;
      const secrets = {
        brokerSecret: Boolean(props.brokerSecretArn),
        webhookSecret: Boolean(props.webhookSecretArn),
      };
      for (const [key, value] of Object.entries(resourceEnvironmentOf(name, locate, secrets)))
        fn.addEnvironment(key, value);
      for (const grant of grantsOf(name, secrets)) {
        fn.addToRolePolicy(
          new PolicyStatement({ actions: [...grant.actions], resources: grant.resources.map(arnOf) }),
        );
        for (const resource of grant.resources) acknowledgeWildcard(construct, stack, props, resource);
      }
      if (spec.publishesAlerts) props.alerts.key.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey');
      if (spec.consumes)
        fn.addEventSource(
          new SqsEventSource(queue(spec.consumes.queue), {
            batchSize: spec.consumes.batchSize,
            reportBatchItemFailures: true,
            ...(spec.consumes.maxConcurrency ? { maxConcurrency: spec.consumes.maxConcurrency } : {}),
          }),
        );
    }
  }
}

/** cdk-nag flags a wildcard resource; the two the declaration uses are scoped to one table or machine. */
function acknowledgeWildcard(
  construct: StratusFunction,
  stack: Stack,
  props: {
    tables: StratusTables;
    workflows: StratusWorkflows;
    datasets: StratusDatasets;
    reports: StratusReports;
  },
  resource: AccessResource,
): void {
  if (resource.kind === 'report-objects') {
    const bucket = stack.getLogicalId(props.reports.bucket.node.defaultChild as CfnBucket);
    Validations.of(construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/*]`,
      reason:
        'Reads and writes the objects of the reports bucket only (bucket-arn/*): a report per account and day.',
    });
  }
  if (resource.kind === 'dataset-objects') {
    const bucket = stack.getLogicalId(props.datasets.bucket.node.defaultChild as CfnBucket);
    Validations.of(construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/*]`,
      reason: 'Reads the objects of the datasets bucket only (bucket-arn/*): datasets are named by traders.',
    });
  }
  if (resource.kind === 'table-indexes') {
    const table = props.tables.table(resource.table);
    Validations.of(construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(table.node.defaultChild as CfnTable)}.Arn>/index/*]`,
      reason: `Queries the ${resource.table} table's own secondary indexes (table-arn/index/*); no other table's.`,
    });
  }
  if (resource.kind === 'executions') {
    const spec = Object.values(WORKFLOWS).find((workflow) => workflow.name === resource.workflow)!;
    const machine = props.workflows.bySpec.get(spec)!;
    const logicalId = stack.getLogicalId(machine.node.defaultChild as CfnStateMachine);
    Validations.of(construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${logicalId}.Name>:*]`,
      reason: `Executions are named after orders, so StopExecution/DescribeExecution are granted on the ${resource.workflow} machine's executions only.`,
    });
  }
}
