import type { DocumentClient } from './document-client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DependencyCheck } from '../../app/ports/dependency-check';
import type { TableSpec } from './table-specs';

/** Proves a table is reachable with one GetItem of a key that never exists (needs only read access). */
export class DynamoDbTableCheck implements DependencyCheck {
  readonly name: string;

  constructor(
    private readonly client: DocumentClient,
    private readonly spec: TableSpec,
    private readonly tableName: string,
  ) {
    this.name = `dynamodb:${spec.name}`;
  }

  async check(): Promise<void> {
    const key: Record<string, string> = { [this.spec.partitionKey]: 'HEALTH#probe' };
    if (this.spec.sortKey) key[this.spec.sortKey] = 'HEALTH#probe';
    await this.client.send(new GetCommand({ TableName: this.tableName, Key: key }));
  }
}
