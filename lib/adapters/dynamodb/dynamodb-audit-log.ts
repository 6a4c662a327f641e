import type { DocumentClient } from './document-client';
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditLog, AuditRecord } from '../../app/ports/audit-log';

/** The audit log in DynamoDB: one item per record, never updated, newest first on read. */
export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async append(record: AuditRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `ACCOUNT#${record.accountId}`, sk: `AUDIT#${record.at}#${randomUUID()}`, ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async list(accountId: string, options: { limit?: number } = {}): Promise<AuditRecord[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':audit': 'AUDIT#' },
        ScanIndexForward: false,
        Limit: options.limit ?? 100,
      }),
    );
    return Items.map(({ pk: _pk, sk: _sk, ...record }) => record as AuditRecord);
  }
}
