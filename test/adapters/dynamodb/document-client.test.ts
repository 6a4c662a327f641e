import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useDynalite } from '../../support/dynalite';

// The document client converts values itself (lib-dynamodb's own client cannot cache its
// middleware): every command Stratus sends must round-trip documents exactly, through dynalite.
const dynamo = useDynalite();

const nested = {
  pk: 'doc',
  sk: 'a',
  cents: 12_345,
  price: 101.25,
  negative: -3,
  flag: true,
  nothing: null,
  skipped: undefined,
  text: 'naïve — ünïcode',
  list: [1, 'two', { three: 3 }, [4]],
  map: { inner: { deeper: ['x'] }, empty: {} },
  emptyList: [],
};

describe('the document client against dynalite', () => {
  it('puts and gets a nested document exactly, without its undefined fields', async () => {
    const documents = dynamo.documents();
    const TableName = dynamo.tableName('accounts');
    await documents.send(new PutCommand({ TableName, Item: nested }));
    const { Item } = await documents.send(new GetCommand({ TableName, Key: { pk: 'doc', sk: 'a' } }));
    const { skipped: _skipped, ...expected } = nested;
    expect(Item).toEqual(expected);
    expect(Item).not.toHaveProperty('skipped');
    const missing = await documents.send(new GetCommand({ TableName, Key: { pk: 'doc', sk: 'none' } }));
    expect(missing.Item).toBeUndefined();
  });

  it('checks conditions with marshalled values and refuses a failed one without writing', async () => {
    const documents = dynamo.documents();
    const TableName = dynamo.tableName('accounts');
    await documents.send(new PutCommand({ TableName, Item: { pk: 'cond', sk: 'a', version: 1 } }));
    const stale = documents.send(
      new PutCommand({
        TableName,
        Item: { pk: 'cond', sk: 'a', version: 3 },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': 2 },
      }),
    );
    await expect(stale).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const replaced = await documents.send(
      new PutCommand({
        TableName,
        Item: { pk: 'cond', sk: 'a', version: 2 },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': 1 },
        ReturnValues: 'ALL_OLD',
      }),
    );
    expect(replaced.Attributes).toEqual({ pk: 'cond', sk: 'a', version: 1 });
    const { Item } = await documents.send(new GetCommand({ TableName, Key: { pk: 'cond', sk: 'a' } }));
    expect(Item).toEqual({ pk: 'cond', sk: 'a', version: 2 });
  });

  it('queries page by page from a marshalled start key, and scans', async () => {
    const documents = dynamo.documents();
    const TableName = dynamo.tableName('orders');
    for (let n = 0; n < 5; n++) {
      await documents.send(new PutCommand({ TableName, Item: { pk: 'paged', sk: `item-${n}`, n } }));
    }
    const seen: number[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'paged' },
          Limit: 2,
          ExclusiveStartKey,
        }),
      );
      seen.push(...(page.Items ?? []).map((item) => item.n as number));
      ExclusiveStartKey = page.LastEvaluatedKey;
      pages++;
    } while (ExclusiveStartKey);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const scanned = await documents.send(
      new ScanCommand({
        TableName,
        FilterExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'paged' },
      }),
    );
    expect((scanned.Items ?? []).map((item) => item.n).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('batch-writes puts and deletes, and deletes one item returning what it held', async () => {
    const documents = dynamo.documents();
    const TableName = dynamo.tableName('venue');
    await documents.send(new PutCommand({ TableName, Item: { pk: 'batch', sk: 'old', keep: false } }));
    const result = await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          [TableName]: [
            { PutRequest: { Item: { pk: 'batch', sk: 'new', list: [{ a: 1 }] } } },
            { DeleteRequest: { Key: { pk: 'batch', sk: 'old' } } },
          ],
        },
      }),
    );
    expect(result.UnprocessedItems ?? {}).toEqual({});
    const gone = await documents.send(new GetCommand({ TableName, Key: { pk: 'batch', sk: 'old' } }));
    expect(gone.Item).toBeUndefined();
    const deleted = await documents.send(
      new DeleteCommand({ TableName, Key: { pk: 'batch', sk: 'new' }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toEqual({ pk: 'batch', sk: 'new', list: [{ a: 1 }] });
  });

  it('refuses a command it does not convert rather than sending it unconverted', async () => {
    const documents = dynamo.documents();
    const update = new UpdateCommand({
      TableName: dynamo.tableName('accounts'),
      Key: { pk: 'doc', sk: 'a' },
      UpdateExpression: 'SET flag = :f',
      ExpressionAttributeValues: { ':f': false },
    });
    await expect(documents.send(update as unknown as GetCommand)).rejects.toThrow(
      'does not send UpdateCommand',
    );
  });
});
