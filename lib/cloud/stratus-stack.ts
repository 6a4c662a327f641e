import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../../functions/catalog';
import { ALL_TABLES, type TableName } from '../adapters/dynamodb/table-specs';
import { StratusAuth } from './constructs/auth';
import { StratusHttpApi } from './constructs/http-api';
import { StratusQueues } from './constructs/queues';
import { StratusFunction } from './constructs/stratus-function';
import { StratusTables } from './constructs/tables';

export interface StratusStackProps extends StackProps {
  /** The release being deployed; reported by /api/health. */
  version: string;
}

/**
 * Stratus in one AWS account. The stack only composes constructs, one per capability; each
 * function gets exactly the table access its catalog entry declares.
 */
export class StratusStack extends Stack {
  readonly functions: ReadonlyMap<FunctionName, IFunction>;

  constructor(scope: Construct, id: string, props: StratusStackProps) {
    super(scope, id, props);
    const tables = new StratusTables(this, 'Tables');
    const queues = new StratusQueues(this, 'Queues');
    const auth = new StratusAuth(this, 'Auth');

    // Names and URLs are not secrets: every function learns them all, but may touch only its own.
    const environment: Record<string, string> = {
      ...Object.fromEntries(
        ALL_TABLES.map((spec) => [spec.envVar, tables.table(spec.name as TableName).tableName]),
      ),
      ...Object.fromEntries([...queues.bySpec].map(([spec, queue]) => [spec.envVar, queue.queueUrl])),
    };
    const functions = new Map<FunctionName, IFunction>();
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const { function: fn } = new StratusFunction(this, `Fn-${name}`, {
        name,
        environment,
        version: props.version,
      });
      for (const [tableName, access] of Object.entries(spec.tables) as [TableName, 'read' | 'readwrite'][]) {
        const table = tables.table(tableName);
        if (access === 'readwrite') table.grantReadWriteData(fn);
        else table.grantReadData(fn);
      }
      functions.set(name, fn);
    }
    this.functions = functions;

    new StratusHttpApi(this, 'Http', { functions, userPool: auth.userPool, client: auth.client });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
  }
}
