import type { Template } from 'aws-cdk-lib/assertions';
import { FUNCTIONS, type FunctionName } from '../../lib/platform/function-catalog';
import { ALL_QUEUES, physicalQueueName } from '../../lib/adapters/sqs/queue-specs';
import type { LocalHost } from '../../lib/local/local-host';

/**
 * What a host gives one function, in logical names both hosts share: the resource variables
 * (variable → `table:accounts`, `queue:execution-reports`, `state-machine:twap`…) and the
 * grants (`dynamodb:PutItem on table:accounts`) of the services the local host enforces.
 */
export interface FunctionAccessView {
  variables: Record<string, string>;
  grants: Set<string>;
}
export type HostAccessView = Record<FunctionName, FunctionAccessView>;

/** The services whose calls the local host checks; others (logs, X-Ray, KMS) have no local stand-in. */
const ENFORCED = /^(dynamodb|sqs|states|sns|secretsmanager|s3):/;
/** Variables that locate a resource (the rest are settings and runtime variables). */
export const RESOURCE_VARIABLE = /^STRATUS_(TABLE_|QUEUE_|STATE_MACHINE_|ALERT_TOPIC_ARN$|DATASETS$)/;

type Json = unknown;
const queueByPhysical = new Map(ALL_QUEUES.map((spec) => [physicalQueueName(spec), spec.name]));

/** The view of the synthesized template: each function's Environment and the policies on its role. */
export function templateAccessView(template: Template): HostAccessView {
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, Json> }
  >;
  const logical = (id: string): string => {
    const resource = resources[id];
    const base = id.replace(/[0-9A-F]{8}$/, '');
    switch (resource?.Type) {
      case 'AWS::DynamoDB::Table':
        return `table:${base.replace(/^Tables/, '')}`;
      case 'AWS::SQS::Queue':
        return `queue:${ALL_QUEUES.find((spec) => base === `Queues${spec.name.replace(/[^A-Za-z0-9]/g, '')}`)?.name ?? base}`;
      case 'AWS::StepFunctions::StateMachine':
        return `state-machine:${base.replace(/^Workflows/, '')}`;
      case 'AWS::SNS::Topic':
        return 'alert-topic';
      case 'AWS::S3::Bucket':
        return 'datasets';
      default:
        return `unknown:${id}`;
    }
  };
  const resolve = (value: Json): string => {
    if (typeof value === 'string')
      return value.startsWith('arn:aws:secretsmanager:') ? 'broker-secret' : value;
    const node = value as Record<string, Json>;
    if ('Ref' in node) return logical(String(node.Ref));
    if ('Fn::GetAtt' in node) return logical(String((node['Fn::GetAtt'] as Json[])[0]));
    if ('Fn::Join' in node) {
      const parts = (node['Fn::Join'] as [string, Json[]])[1];
      const text = parts.map((part) => (typeof part === 'string' ? part : `<${resolve(part)}>`)).join('');
      const index = /^<(table:[^>]+)>\/index\/\*$/.exec(text);
      if (index) return `${index[1]!.replace('table:', 'table-indexes:')}`;
      const executions = /:execution:<state-machine:([^>]+)>:\*$/.exec(text);
      if (executions) return `executions:${executions[1]}`;
      if (text === '<datasets>/*') return 'dataset-objects';
      if (text === 's3://<datasets>') return 'datasets';
      return text;
    }
    return JSON.stringify(value);
  };
  const view = {} as HostAccessView;
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const prefix = `Fn${name}`;
    const fnId = Object.keys(resources).find(
      (id) => id.startsWith(`${prefix}Function`) && resources[id]!.Type === 'AWS::Lambda::Function',
    )!;
    const roleId = Object.keys(resources).find(
      (id) => id.startsWith(`${prefix}Role`) && resources[id]!.Type === 'AWS::IAM::Role',
    )!;
    const env = ((resources[fnId]!.Properties.Environment as { Variables?: Record<string, Json> })
      ?.Variables ?? {}) as Record<string, Json>;
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(env))
      if (RESOURCE_VARIABLE.test(key)) variables[key] = resolve(value);
    const grants = new Set<string>();
    for (const policy of Object.values(resources)) {
      if (policy.Type !== 'AWS::IAM::Policy') continue;
      const roles = (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref);
      if (!roles.includes(roleId)) continue;
      const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, Json>[] })
        .Statement;
      for (const statement of statements) {
        if (statement.Effect !== 'Allow') continue;
        const actions = ([] as Json[]).concat(statement.Action) as string[];
        const targets = ([] as Json[]).concat(statement.Resource).map(resolve);
        for (const action of actions.filter((candidate) => ENFORCED.test(candidate)))
          for (const target of targets) grants.add(`${action} on ${target}`);
      }
    }
    view[name] = { variables, grants };
  }
  return view;
}

/** The view of a running local host: the environment each container gets and the policy its IAM enforces. */
export function localAccessView(host: LocalHost): HostAccessView {
  const logical = (value: string): string => {
    let match = /^arn:aws:dynamodb:[^:]+:\d+:table\/stratus-([^/]+)(\/index\/\*)?$/.exec(value);
    if (match) return `${match[2] ? 'table-indexes' : 'table'}:${match[1]}`;
    match = /^stratus-([a-z-]+)$/.exec(value);
    if (match) return `table:${match[1]}`;
    match = /^arn:aws:sqs:[^:]+:\d+:(.+)$/.exec(value) ?? /^https?:\/\/[^/]+\/\d+\/(.+)$/.exec(value);
    if (match) return `queue:${queueByPhysical.get(match[1]!) ?? match[1]}`;
    match = /^arn:aws:states:[^:]+:\d+:stateMachine:(.+)$/.exec(value);
    if (match) return `state-machine:${match[1]}`;
    match = /^arn:aws:states:[^:]+:\d+:execution:(.+):\*$/.exec(value);
    if (match) return `executions:${match[1]}`;
    if (/^arn:aws:sns:/.test(value)) return 'alert-topic';
    if (/^file:\/\/.+\/\*$/.test(value)) return 'dataset-objects';
    if (/^file:\/\//.test(value)) return 'datasets';
    return value;
  };
  const view = {} as HostAccessView;
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(host.environmentOf(name)))
      if (RESOURCE_VARIABLE.test(key) && value !== undefined) variables[key] = logical(value);
    const grants = new Set<string>();
    for (const statement of host.iam.statementsOf(name))
      for (const action of statement.actions)
        for (const resource of statement.resources) grants.add(`${action} on ${logical(resource)}`);
    view[name] = { variables, grants };
  }
  return view;
}

/** Every way two views differ, one line each (empty when the hosts agree). */
export function accessDifferences(template: HostAccessView, local: HostAccessView): string[] {
  const differences: string[] = [];
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const [cloud, here] = [template[name], local[name]];
    for (const key of new Set([...Object.keys(cloud.variables), ...Object.keys(here.variables)])) {
      if (cloud.variables[key] !== here.variables[key])
        differences.push(
          `${name}: ${key} is ${cloud.variables[key] ?? 'absent'} in AWS, ${here.variables[key] ?? 'absent'} locally`,
        );
    }
    for (const grant of cloud.grants)
      if (!here.grants.has(grant)) differences.push(`${name}: AWS allows ${grant}, the local host does not`);
    for (const grant of here.grants)
      if (!cloud.grants.has(grant)) differences.push(`${name}: the local host allows ${grant}, AWS does not`);
  }
  return differences;
}
