import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbOrderRepository } from '../../../lib/adapters/dynamodb/dynamodb-order-repository';
import { useDynalite } from '../../support/dynalite';
import { sampleOrder } from '../../support/sample-order';
import { orderRepositoryContract } from '../order-repository.contract';

const dynamo = useDynalite();

orderRepositoryContract(
  'DynamoDbOrderRepository on dynalite',
  async () => new DynamoDbOrderRepository(dynamo.documents(), dynamo.tableName('orders')),
);

describe('DynamoDbOrderRepository items', () => {
  it('stores an order as one JSON document with the attributes its listing filters on', async () => {
    const repository = new DynamoDbOrderRepository(dynamo.documents(), dynamo.tableName('orders'));
    const placed = sampleOrder('doc-acct', 'o-1', { strategyId: 'cfg-1' });
    await repository.create(placed);
    await repository.create(sampleOrder('doc-acct', 'o-2', { symbol: 'MSFT' }));

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
    const legacy = sampleOrder('legacy-acct', 'o-9', { symbol: 'SPY' });
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
