import type { DocumentClient } from './document-client';
import type { DependencyCheck } from '../../app/ports/dependency-check';
import type { TableSpec } from './table-specs';

/** Proves a table is reachable and serving: its status is ACTIVE (needs only DescribeTable, no item access). */
export class DynamoDbTableCheck implements DependencyCheck {
  readonly name: string;

  constructor(
    private readonly client: DocumentClient,
    spec: TableSpec,
    private readonly tableName: string,
  ) {
    this.name = `dynamodb:${spec.name}`;
  }

  async check(): Promise<void> {
    const status = await this.client.tableStatus(this.tableName);
    if (status !== 'ACTIVE') throw new Error(`table ${this.tableName} is ${status ?? 'of unknown status'}`);
  }
}
