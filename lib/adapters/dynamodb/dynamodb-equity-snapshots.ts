import type { DocumentClient } from './document-client';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EquitySnapshot, EquitySnapshotStore } from '../../app/ports/equity-snapshots';
import { queryAll } from './conditional-writes';

/** Daily equity in the risk table under `EQUITY#account`, one item per date. */
export class DynamoDbEquitySnapshots implements EquitySnapshotStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async record(accountId: string, snapshot: EquitySnapshot): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `EQUITY#${accountId}`, sk: snapshot.date, ...snapshot },
      }),
    );
  }

  async list(accountId: string): Promise<EquitySnapshot[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `EQUITY#${accountId}` },
    });
    return items.map((item) => ({ date: String(item.date), equityCents: Number(item.equityCents) }));
  }
}
