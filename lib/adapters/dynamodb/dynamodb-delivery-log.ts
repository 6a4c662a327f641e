import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLog, DeliveryRecord } from '../../app/ports/delivery-log';
import type { DocumentClient } from './document-client';

/** Deliveries in the `risk` table beside the alerts they carried, keyed by time. */
export class DynamoDbDeliveryLog implements DeliveryLog {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async record(accountId: string, delivery: DeliveryRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `DELIVERIES#${accountId}`,
          sk: `${delivery.at}#${randomUUID().slice(0, 8)}`,
          ...delivery,
        },
      }),
    );
  }

  async recent(accountId: string, limit: number): Promise<DeliveryRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `DELIVERIES#${accountId}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map(({ pk: _pk, sk: _sk, ...delivery }) => delivery as DeliveryRecord);
  }
}
