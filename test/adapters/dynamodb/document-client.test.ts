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
import type { DocumentClient } from '../../../lib/adapters/dynamodb/document-client';
import { useDynalite } from '../../support/dynalite';

// The document client converts values itself (lib-dynamodb's own client cannot cache its
// middleware): every command Stratus sends must round-trip documents exactly, through dynalite,
// by both channels — an SDK client (AWS) and the in-process JSON protocol (the local host).
const dynamo = useDynalite();

const nested = (pk: string) => ({
  pk,
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
});

describe.each([
  { channel: 'an SDK client', client: () => dynamo.documents(), prefix: 'sdk' },
  { channel: 'the in-process channel', client: () => dynamo.inProcessDocuments(), prefix: 'local' },
])('the document client through $channel against dynalite', ({ client, prefix }) => {
  /** Keys of this channel's own items: both channels write the same tables. */
  const key = (name: string) => `${prefix}-${name}`;

  it('puts and gets a nested document exactly, without its undefined fields', async () => {
    const documents = client();
    const TableName = dynamo.tableName('accounts');
    await documents.send(new PutCommand({ TableName, Item: nested(key('doc')) }));
    const { Item } = await documents.send(new GetCommand({ TableName, Key: { pk: key('doc'), sk: 'a' } }));
    const { skipped: _skipped, ...expected } = nested(key('doc'));
    expect(Item).toEqual(expected);
    expect(Item).not.toHaveProperty('skipped');
    const missing = await documents.send(new GetCommand({ TableName, Key: { pk: key('doc'), sk: 'none' } }));
    expect(missing.Item).toBeUndefined();
  });

  it('checks conditions with marshalled values and refuses a failed one without writing', async () => {
    const documents = client();
    const TableName = dynamo.tableName('accounts');
    await documents.send(new PutCommand({ TableName, Item: { pk: key('cond'), sk: 'a', version: 1 } }));
    const stale = documents.send(
      new PutCommand({
        TableName,
        Item: { pk: key('cond'), sk: 'a', version: 3 },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': 2 },
      }),
    );
    await expect(stale).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const replaced = await documents.send(
      new PutCommand({
        TableName,
        Item: { pk: key('cond'), sk: 'a', version: 2 },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': 1 },
        ReturnValues: 'ALL_OLD',
      }),
    );
    expect(replaced.Attributes).toEqual({ pk: key('cond'), sk: 'a', version: 1 });
    const { Item } = await documents.send(new GetCommand({ TableName, Key: { pk: key('cond'), sk: 'a' } }));
    expect(Item).toEqual({ pk: key('cond'), sk: 'a', version: 2 });
  });

  it('queries page by page from a marshalled start key, and scans', async () => {
    const documents = client();
    const TableName = dynamo.tableName('orders');
    for (let n = 0; n < 5; n++) {
      await documents.send(new PutCommand({ TableName, Item: { pk: key('paged'), sk: `item-${n}`, n } }));
    }
    const seen: number[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': key('paged') },
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
        ExpressionAttributeValues: { ':pk': key('paged') },
      }),
    );
    expect((scanned.Items ?? []).map((item) => item.n).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('batch-writes puts and deletes, and deletes one item returning what it held', async () => {
    const documents = client();
    const TableName = dynamo.tableName('venue');
    await documents.send(new PutCommand({ TableName, Item: { pk: key('batch'), sk: 'old', keep: false } }));
    const result = await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          [TableName]: [
            { PutRequest: { Item: { pk: key('batch'), sk: 'new', list: [{ a: 1 }] } } },
            { DeleteRequest: { Key: { pk: key('batch'), sk: 'old' } } },
          ],
        },
      }),
    );
    expect(result.UnprocessedItems ?? {}).toEqual({});
    const gone = await documents.send(new GetCommand({ TableName, Key: { pk: key('batch'), sk: 'old' } }));
    expect(gone.Item).toBeUndefined();
    const deleted = await documents.send(
      new DeleteCommand({ TableName, Key: { pk: key('batch'), sk: 'new' }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toEqual({ pk: key('batch'), sk: 'new', list: [{ a: 1 }] });
  });

  it('refuses a command it does not convert rather than sending it unconverted', async () => {
    const documents = client();
    const update = new UpdateCommand({
      TableName: dynamo.tableName('accounts'),
      Key: { pk: key('doc'), sk: 'a' },
      UpdateExpression: 'SET flag = :f',
      ExpressionAttributeValues: { ':f': false },
    });
    await expect(documents.send(update as unknown as GetCommand)).rejects.toThrow(
      'does not send UpdateCommand',
    );
  });
});

describe('the two channels', () => {
  /** What a call returned or threw, in the terms callers use: the value, or the error's class, name and message. */
  const outcome = async (call: Promise<object>) => {
    try {
      const { $metadata: _metadata, ...output } = (await call) as { $metadata?: unknown };
      return { output };
    } catch (error) {
      const { name, message, constructor } = error as Error;
      return { error: { class: constructor.name, name, message } };
    }
  };

  it('answer every command alike, errors included', async () => {
    const TableName = dynamo.tableName('orders');
    // The same calls by each channel, on items of its own: the answers must match but for the key.
    const cases = (pk: string): ((documents: DocumentClient) => Promise<object>)[] => {
      const item = { pk, sk: '1', n: 1, list: [{ a: 'b' }] };
      return [
        (documents) => documents.send(new PutCommand({ TableName, Item: item, ReturnValues: 'ALL_OLD' })),
        (documents) => documents.send(new GetCommand({ TableName, Key: { pk: pk, sk: '1' } })),
        (documents) =>
          documents.send(
            new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
          ),
        (documents) =>
          documents.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': pk },
              Limit: 1,
            }),
          ),
        (documents) =>
          documents.send(
            new ScanCommand({
              TableName,
              FilterExpression: 'n = :n AND pk = :pk',
              ExpressionAttributeValues: { ':n': 1, ':pk': pk },
            }),
          ),
        (documents) =>
          documents.send(new GetCommand({ TableName: 'no-such-table', Key: { pk: pk, sk: '1' } })),
        (documents) => documents.send(new PutCommand({ TableName, Item: { pk: pk } })),
        (documents) =>
          documents.send(
            new BatchWriteCommand({
              RequestItems: { [TableName]: [{ PutRequest: { Item: { ...item, sk: '2' } } }] },
            }),
          ),
        (documents) =>
          documents.send(new DeleteCommand({ TableName, Key: { pk: pk, sk: '2' }, ReturnValues: 'ALL_OLD' })),
      ];
    };
    const overSdk = cases('sdk-same');
    const inProcess = cases('local-same');
    for (let index = 0; index < overSdk.length; index++) {
      const expected = JSON.stringify(await outcome(overSdk[index]!(dynamo.documents())));
      const actual = JSON.stringify(await outcome(inProcess[index]!(dynamo.inProcessDocuments())));
      expect({ index, answer: JSON.parse(actual.replaceAll('local-same', 'sdk-same')) as unknown }).toEqual({
        index,
        answer: JSON.parse(expected) as unknown,
      });
    }
  });
});
