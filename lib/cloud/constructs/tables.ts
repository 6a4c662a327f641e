import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ALL_TABLES, type TableName, type TableSpec } from '../../adapters/dynamodb/table-specs';

/**
 * Every DynamoDB table, from the shared table specs: on-demand (nothing to pay when idle),
 * encrypted, point-in-time recovery on, retained if the stack is deleted (trading records
 * outlive a stack).
 */
export class StratusTables extends Construct {
  readonly byName: ReadonlyMap<TableName, Table>;

  constructor(scope: Construct, id: string, props: { removalPolicy?: RemovalPolicy } = {}) {
    super(scope, id);
    const tables = new Map<TableName, Table>();
    for (const spec of ALL_TABLES as readonly (TableSpec & { name: TableName })[]) {
      const table = new Table(this, spec.name, {
        partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
        ...(spec.sortKey ? { sortKey: { name: spec.sortKey, type: AttributeType.STRING } } : {}),
        ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.AWS_MANAGED,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      for (const index of spec.indexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
        });
      }
      tables.set(spec.name, table);
    }
    this.byName = tables;
  }

  table(name: TableName): Table {
    const table = this.byName.get(name);
    if (!table) throw new Error(`no table named ${name}`);
    return table;
  }
}
