import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbOrderRepository } from '../../../lib/adapters/dynamodb/dynamodb-order-repository';
import { newOrder, type Order } from '../../../lib/core/orders/order';
import { useDynalite } from '../../support/dynalite';

const dynamo = useDynalite();
const NOW = new Date('2026-03-02T15:00:00Z');

function order(accountId: string, orderId: string, symbol: string, strategyId?: string): Order {
  return newOrder(
    {
      orderId,
      accountId,
      clientOrderId: orderId,
      symbol,
      side: 'buy',
      quantity: 10,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
      maxSlippageBps: 50,
      arrivalPrice: 100,
      protectionPrice: 100.5,
      requestHash: 'h',
      ...(strategyId ? { strategyId } : {}),
    },
    NOW,
    'received',
  );
}

describe('DynamoDbOrderRepository items', () => {
  it('stores an order as one JSON document with the attributes its listing filters on', async () => {
    const repository = new DynamoDbOrderRepository(dynamo.documents(), dynamo.tableName('orders'));
    const placed = order('doc-acct', 'o-1', 'AAPL', 'cfg-1');
    await repository.create(placed);
    await repository.create(order('doc-acct', 'o-2', 'MSFT'));

    const { Item } = await dynamo.documents().send(
      new GetCommand({
        TableName: dynamo.tableName('orders'),
        Key: { pk: 'ACCOUNT#doc-acct', sk: 'ORDER#o-1' },
      }),
    );
    expect(Item).toMatchObject({
      status: 'new',
      symbol: 'AAPL',
      strategyId: 'cfg-1',
      version: placed.version,
    });
    expect(JSON.parse(String(Item?.document))).toEqual(placed);
    expect(await repository.get('doc-acct', 'o-1')).toEqual(placed);
    const bySymbol = await repository.list('doc-acct', { symbol: 'MSFT' }, { limit: 10 });
    expect(bySymbol.orders.map((listed) => listed.orderId)).toEqual(['o-2']);
    const byStrategy = await repository.list(
      'doc-acct',
      { strategyId: 'cfg-1', status: 'new' },
      { limit: 10 },
    );
    expect(byStrategy.orders.map((listed) => listed.orderId)).toEqual(['o-1']);
  });

  it('still reads orders stored with their fields as attributes (before the JSON document)', async () => {
    const repository = new DynamoDbOrderRepository(dynamo.documents(), dynamo.tableName('orders'));
    const legacy = order('legacy-acct', 'o-9', 'SPY');
    await dynamo.documents().send(
      new PutCommand({
        TableName: dynamo.tableName('orders'),
        Item: {
          pk: 'ACCOUNT#legacy-acct',
          sk: 'ORDER#o-9',
          gsi1pk: 'ACCOUNT#legacy-acct',
          gsi1sk: `${legacy.createdAt}#o-9`,
          ...legacy,
        },
      }),
    );

    expect(await repository.get('legacy-acct', 'o-9')).toEqual(legacy);
    expect((await repository.list('legacy-acct', { symbol: 'SPY' }, { limit: 10 })).orders).toEqual([legacy]);
  });
});
