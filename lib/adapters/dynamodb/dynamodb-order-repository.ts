import type { DocumentClient } from './document-client';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OrderFilter, OrderPage, OrderRepository } from '../../app/ports/order-repository';
import type { Order } from '../../core/orders/order';
import { putIfAbsent, putIfVersion, queryAll } from './conditional-writes';
import { decodeCursor, encodeCursor } from './cursor';

const MAX_PAGES = 20;

/**
 * Orders in DynamoDB: one item per order under its account. Top-level orders also carry
 * `gsi1pk`/`gsi1sk` (account, created-at) so the sparse `by-time` index lists them newest
 * first; child slices are found by their `{parent}-` key prefix.
 */
export class DynamoDbOrderRepository implements OrderRepository {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async create(order: Order): Promise<boolean> {
    return putIfAbsent(this.client, this.tableName, toItem(order));
  }

  async get(accountId: string, orderId: string): Promise<Order | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key(accountId, orderId), ConsistentRead: true }),
    );
    return Item ? toOrder(Item) : null;
  }

  async save(order: Order): Promise<void> {
    await putIfVersion(this.client, this.tableName, toItem(order), `order ${order.orderId}`);
  }

  async list(
    accountId: string,
    filter: OrderFilter,
    page: { limit: number; cursor?: string },
  ): Promise<OrderPage> {
    const names: Record<string, string> = { '#pk': 'gsi1pk', '#sk': 'gsi1sk' };
    const values: Record<string, unknown> = {
      ':pk': accountKey(accountId),
      ':from': filter.from ?? '0000',
      ':to': `${filter.to ?? '9999'}~`,
    };
    const conditions: string[] = [];
    for (const [field, value] of [
      ['status', filter.status],
      ['symbol', filter.symbol],
      ['strategyId', filter.strategyId],
    ] as const) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      conditions.push(`#${field} = :${field}`);
    }
    const orders: Order[] = [];
    let startKey = decodeCursor(page.cursor);
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'by-time',
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: page.limit - orders.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) orders.push(toOrder(item));
      startKey = result.LastEvaluatedKey;
      if (!startKey || orders.length >= page.limit) break;
    }
    return { orders, nextCursor: encodeCursor(startKey) };
  }

  async children(accountId: string, parentId: string): Promise<Order[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': accountKey(accountId), ':prefix': `ORDER#${parentId}-` },
      ConsistentRead: true,
    });
    return items.map(toOrder).sort((a, b) => (a.childIndex ?? 0) - (b.childIndex ?? 0));
  }
}

function accountKey(accountId: string): string {
  return `ACCOUNT#${accountId}`;
}

function key(accountId: string, orderId: string) {
  return { pk: accountKey(accountId), sk: `ORDER#${orderId}` };
}

/**
 * The order item: its keys, the attributes the listing filters on and the version the
 * conditional writes check, and the order itself as one JSON string (fills and status history
 * as nested attributes cost a marshalling pass per write and per read; see the account item).
 */
function toItem(order: Order) {
  return {
    ...key(order.accountId, order.orderId),
    ...(order.parentId
      ? {}
      : { gsi1pk: accountKey(order.accountId), gsi1sk: `${order.createdAt}#${order.orderId}` }),
    version: order.version,
    status: order.status,
    symbol: order.symbol,
    ...(order.strategyId === undefined ? {} : { strategyId: order.strategyId }),
    document: JSON.stringify(order),
  };
}

function toOrder(item: Record<string, unknown>): Order {
  if (typeof item.document === 'string') return JSON.parse(item.document) as Order;
  // Items written before the JSON document kept the order's fields as attributes.
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...order } = item;
  return order as unknown as Order;
}
