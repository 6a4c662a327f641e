import {
  FUNCTIONS,
  type FunctionName,
  type FunctionSpec,
  invokedAsynchronously,
  type TableAccess,
} from './function-catalog';
import { TABLES, type TableName, type TableSpec } from '../adapters/dynamodb/table-specs';
import { QUEUES } from '../adapters/sqs/queue-specs';
import { ORDER_WORKFLOWS, WORKFLOWS, type WorkflowSpec } from '../workflows/workflow-specs';

/**
 * What each function may touch and what it is told, derived once from its catalog entry. CDK
 * writes exactly these IAM statements and environment variables into the template; the local
 * host gives each function exactly this environment and refuses every call outside these
 * grants with AccessDeniedException. A conformance test holds the synthesized template and
 * this declaration equal (test/cloud/host-conformance.test.ts).
 */

/** A resource named logically; each host maps it to its own ARN and name. */
export type AccessResource =
  | { kind: 'table'; table: TableName }
  | { kind: 'table-indexes'; table: TableName }
  | { kind: 'queue'; queue: keyof typeof QUEUES }
  | { kind: 'state-machine'; workflow: WorkflowSpec['name'] }
  | { kind: 'executions'; workflow: WorkflowSpec['name'] }
  | { kind: 'alert-topic' }
  /** Where datasets are: a bucket in AWS (`s3://name`), a folder locally (`file:///path`). */
  | { kind: 'datasets' }
  /** The datasets' objects (bucket-arn/*). */
  | { kind: 'dataset-objects' }
  /** Where the scheduled reports are kept: a bucket in AWS (`s3://name`), a folder locally. */
  | { kind: 'reports' }
  /** The reports' objects (bucket-arn/*). */
  | { kind: 'report-objects' }
  | { kind: 'broker-secret' }
  /** The alert webhook's URL (its secret), when one is configured. */
  | { kind: 'webhook-secret' };

export interface AccessGrant {
  readonly actions: readonly string[];
  readonly resources: readonly AccessResource[];
}

const TABLE_READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
] as const;
const TABLE_WRITE = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** The actions each table access allows (the lists CDK's grantReadData / grantReadWriteData use). */
const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  describe: ['dynamodb:DescribeTable'],
  read: [...TABLE_READ, 'dynamodb:DescribeTable'],
  readwrite: [...TABLE_READ, ...TABLE_WRITE, 'dynamodb:DescribeTable'],
};

/** Sending to a queue (the report sink). */
const QUEUE_SEND_ACTIONS = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'] as const;
/** What an SQS event source mapping does with the consumer's role. */
const QUEUE_CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
] as const;

/** The grants of one function: the least its code needs, from its catalog entry. */
/** Which optional secrets a deployment has: the Alpaca keys, the alert webhook's URL. */
export interface SecretOptions {
  brokerSecret: boolean;
  webhookSecret?: boolean;
}

export function grantsOf(name: FunctionName, options: SecretOptions): AccessGrant[] {
  const spec: FunctionSpec = FUNCTIONS[name];
  const grants: AccessGrant[] = [];
  for (const [table, access] of Object.entries(spec.tables) as [TableName, TableAccess][]) {
    const indexed = access !== 'describe' && Boolean((TABLES[table] as TableSpec).indexes);
    grants.push({
      actions: TABLE_ACTIONS[access],
      resources: [{ kind: 'table', table }, ...(indexed ? [{ kind: 'table-indexes' as const, table }] : [])],
    });
  }
  for (const queue of spec.sendsTo ?? [])
    grants.push({ actions: QUEUE_SEND_ACTIONS, resources: [{ kind: 'queue', queue }] });
  if (spec.consumes)
    grants.push({
      actions: QUEUE_CONSUME_ACTIONS,
      resources: [{ kind: 'queue', queue: spec.consumes.queue }],
    });
  // Lambda sends a failed asynchronous invocation to its destination with the function's role.
  if (invokedAsynchronously(spec))
    grants.push({ actions: QUEUE_SEND_ACTIONS, resources: [{ kind: 'queue', queue: 'failedInvocations' }] });
  if (spec.managesWorkflows || spec.startsSweeps) {
    for (const workflow of workflowsStartedBy(spec)) {
      grants.push({
        actions: ['states:StartExecution'],
        resources: [{ kind: 'state-machine', workflow: workflow.name }],
      });
      grants.push({
        actions: ['states:StopExecution', 'states:DescribeExecution'],
        resources: [{ kind: 'executions', workflow: workflow.name }],
      });
    }
  }
  if (spec.publishesAlerts) grants.push({ actions: ['sns:Publish'], resources: [{ kind: 'alert-topic' }] });
  if (spec.readsDatasets) {
    grants.push({ actions: ['s3:ListBucket'], resources: [{ kind: 'datasets' }] });
    grants.push({ actions: ['s3:GetObject'], resources: [{ kind: 'dataset-objects' }] });
  }
  if (spec.writesReports) {
    grants.push({ actions: ['s3:ListBucket'], resources: [{ kind: 'reports' }] });
    grants.push({ actions: ['s3:GetObject', 's3:PutObject'], resources: [{ kind: 'report-objects' }] });
  } else if (spec.readsReports) {
    grants.push({ actions: ['s3:ListBucket'], resources: [{ kind: 'reports' }] });
    grants.push({ actions: ['s3:GetObject'], resources: [{ kind: 'report-objects' }] });
  }
  // Every function may price (market data) and some send orders: all read the one broker secret.
  if (options.brokerSecret)
    grants.push({ actions: ['secretsmanager:GetSecretValue'], resources: [{ kind: 'broker-secret' }] });
  if (options.webhookSecret && spec.subscribesToAlerts)
    grants.push({ actions: ['secretsmanager:GetSecretValue'], resources: [{ kind: 'webhook-secret' }] });
  return grants;
}

/** The state machines a function starts and stops. */
function workflowsStartedBy(spec: FunctionSpec): readonly WorkflowSpec[] {
  return [...(spec.managesWorkflows ? ORDER_WORKFLOWS : []), ...(spec.startsSweeps ? [WORKFLOWS.sweep] : [])];
}

/** The variable that tells the functions that read datasets where they are (a URL: s3:// or file://). */
export const DATASETS_ENV = 'STRATUS_DATASETS';

/** The variable that tells the functions that keep or list reports where they are (s3:// or file://). */
export const REPORTS_ENV = 'STRATUS_REPORTS';

/** The variable that names the alert webhook's secret (`{"url": …}`) to the function that delivers alerts. */
export const WEBHOOK_SECRET_ENV = 'STRATUS_ALERT_WEBHOOK_SECRET_ARN';

/** The variable that names the alert topic to the functions that publish alerts. */
export const ALERT_TOPIC_ENV = 'STRATUS_ALERT_TOPIC_ARN';

/**
 * The variables that tell a function where its resources are: only those it may touch, so a
 * function that reaches for anything else fails at once with the variable's name, in both hosts.
 * `locate` gives a resource's name as the code uses it (table name, queue URL, ARN).
 */
export function resourceEnvironmentOf(
  name: FunctionName,
  locate: (resource: AccessResource) => string,
  options: Pick<SecretOptions, 'webhookSecret'> = {},
): Record<string, string> {
  const spec: FunctionSpec = FUNCTIONS[name];
  const environment: Record<string, string> = {};
  for (const table of Object.keys(spec.tables) as TableName[])
    environment[TABLES[table].envVar] = locate({ kind: 'table', table });
  for (const queue of [...(spec.sendsTo ?? []), ...(spec.consumes ? [spec.consumes.queue] : [])])
    environment[QUEUES[queue].envVar] = locate({ kind: 'queue', queue });
  for (const workflow of workflowsStartedBy(spec))
    environment[workflow.envVar] = locate({ kind: 'state-machine', workflow: workflow.name });
  if (spec.publishesAlerts) environment[ALERT_TOPIC_ENV] = locate({ kind: 'alert-topic' });
  if (spec.readsDatasets) environment[DATASETS_ENV] = locate({ kind: 'datasets' });
  if (spec.writesReports || spec.readsReports) environment[REPORTS_ENV] = locate({ kind: 'reports' });
  if (spec.subscribesToAlerts && options.webhookSecret)
    environment[WEBHOOK_SECRET_ENV] = locate({ kind: 'webhook-secret' });
  return environment;
}

/**
 * Does `pattern` (an IAM resource, `*` matching any run of characters) match `arn`? IAM's own
 * rule for resource ARNs with wildcards.
 */
export function resourceMatches(pattern: string, arn: string): boolean {
  if (!pattern.includes('*')) return pattern === arn;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(arn);
}
