import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError } from '../../core/errors';
import { isUnsettled } from './in-memory-venue-store';
import type { VenueOrderRecord, VenueStore } from './venue-store';

/** The paper venue's book in DynamoDB; `unsettled` scans (the paper venue holds little). */
export class DynamoDbVenueStore implements VenueStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: VenueOrderRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(accountId: string, clientOrderId: string): Promise<VenueOrderRecord | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key(accountId, clientOrderId), ConsistentRead: true }),
    );
    return Item ? toRecord(Item) : null;
  }

  async save(record: VenueOrderRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': record.version - 1 },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ConcurrencyError(`venue order ${record.clientOrderId}`);
      throw error;
    }
  }

  async unsettled(): Promise<VenueOrderRecord[]> {
    const records: VenueOrderRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: '#status = :open OR reportsPublished < reportsDue',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open' },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) records.push(toRecord(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return records.filter(isUnsettled);
  }
}

function key(accountId: string, clientOrderId: string) {
  return { pk: `VENUE#${accountId}`, sk: `ORDER#${clientOrderId}` };
}

function toItem(record: VenueOrderRecord) {
  const due = record.executions.length + (record.status === 'open' ? 0 : 1);
  return { ...key(record.accountId, record.clientOrderId), ...record, reportsDue: due };
}

function toRecord(item: Record<string, unknown>): VenueOrderRecord {
  const { pk: _pk, sk: _sk, reportsDue: _due, ...record } = item;
  return record as unknown as VenueOrderRecord;
}
