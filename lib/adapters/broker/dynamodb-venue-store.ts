import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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

  /** Reads the sparse `unsettled` index: only orders still resting or with reports to send carry its key. */
  async unsettled(): Promise<VenueOrderRecord[]> {
    const records: VenueOrderRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'unsettled',
          KeyConditionExpression: 'unsettledPk = :unsettled',
          ExpressionAttributeValues: { ':unsettled': UNSETTLED },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) records.push(toRecord(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return records.filter(isUnsettled);
  }
}

const UNSETTLED = 'UNSETTLED';

function key(accountId: string, clientOrderId: string) {
  return { pk: `VENUE#${accountId}`, sk: `ORDER#${clientOrderId}` };
}

function toItem(record: VenueOrderRecord) {
  return {
    ...key(record.accountId, record.clientOrderId),
    ...record,
    ...(isUnsettled(record) ? { unsettledPk: UNSETTLED } : {}),
  };
}

function toRecord(item: Record<string, unknown>): VenueOrderRecord {
  const { pk: _pk, sk: _sk, unsettledPk: _unsettled, ...record } = item;
  return record as unknown as VenueOrderRecord;
}
