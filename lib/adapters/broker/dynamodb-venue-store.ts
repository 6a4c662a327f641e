import type { DocumentClient } from '../dynamodb/document-client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { putIfAbsent, putIfVersion, queryAll } from '../dynamodb/conditional-writes';
import { isUnsettled } from './in-memory-venue-store';
import { ConcurrencyError } from '../../core/errors';
import { UNTOUCHED } from '../../core/execution/impact-book';
import type { StoredDepth, VenueOrderRecord, VenueStore } from './venue-store';

/** The paper venue's book in DynamoDB; `unsettled` scans (the paper venue holds little). */
export class DynamoDbVenueStore implements VenueStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async depthTaken(symbol: string): Promise<StoredDepth> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: depthKey(symbol), ConsistentRead: true }),
    );
    return Item
      ? {
          taken: {
            at: Item.at as number,
            ask: Item.ask as number,
            bid: Item.bid as number,
            permanent: (Item.permanent as number | undefined) ?? 0,
          },
          version: Item.version as number,
        }
      : { taken: UNTOUCHED, version: 0 };
  }

  async saveDepthTaken(symbol: string, stored: StoredDepth): Promise<void> {
    const item = { ...depthKey(symbol), ...stored.taken, version: stored.version + 1 };
    if (stored.version === 0) {
      if (!(await putIfAbsent(this.client, this.tableName, item)))
        throw new ConcurrencyError(`book depth of ${symbol}`);
      return;
    }
    await putIfVersion(this.client, this.tableName, item, `book depth of ${symbol}`);
  }

  async create(record: VenueOrderRecord): Promise<boolean> {
    return putIfAbsent(this.client, this.tableName, toItem(record));
  }

  async get(accountId: string, clientOrderId: string): Promise<VenueOrderRecord | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key(accountId, clientOrderId), ConsistentRead: true }),
    );
    return Item ? toRecord(Item) : null;
  }

  async save(record: VenueOrderRecord): Promise<void> {
    await putIfVersion(this.client, this.tableName, toItem(record), `venue order ${record.clientOrderId}`);
  }

  /** Reads the sparse `unsettled` index: only orders still resting or with reports to send carry its key. */
  async unsettled(): Promise<VenueOrderRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'unsettled',
      KeyConditionExpression: 'unsettledPk = :unsettled',
      ExpressionAttributeValues: { ':unsettled': UNSETTLED },
    });
    return items.map(toRecord).filter(isUnsettled);
  }
}

const UNSETTLED = 'UNSETTLED';

/** One item per symbol beside the orders: the venue's book is shared by every account. */
function depthKey(symbol: string) {
  return { pk: `BOOK#${symbol}`, sk: 'DEPTH' };
}

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
