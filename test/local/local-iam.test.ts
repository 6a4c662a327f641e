import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { dynamoDbAccess, sqsAccess } from '../../lib/local/guarded-answers';
import { AccessDenied, functionAccessKey, LocalIam } from '../../lib/local/local-iam';
import type { LocalHost } from '../../lib/local/local-host';
import { startTestHost } from '../support/local-host';

const arnOf = (resource: { kind: string; table?: string; queue?: string; workflow?: string }) =>
  resource.kind === 'table'
    ? `arn:aws:dynamodb:us-east-1:000000000000:table/stratus-${resource.table}`
    : resource.kind === 'table-indexes'
      ? `arn:aws:dynamodb:us-east-1:000000000000:table/stratus-${resource.table}/index/*`
      : `arn:local:${resource.kind}:${resource.queue ?? resource.workflow ?? ''}`;

describe('LocalIam', () => {
  const iam = new LocalIam(arnOf as never);
  const table = (name: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/stratus-${name}`;

  it.each([
    ['strategies', 'dynamodb:GetItem', table('accounts'), true],
    ['strategies', 'dynamodb:PutItem', table('accounts'), false],
    ['strategies', 'dynamodb:PutItem', table('strategies'), true],
    ['system', 'dynamodb:DescribeTable', table('backtests'), true],
    ['system', 'dynamodb:GetItem', table('accounts'), false],
    ['orders', 'dynamodb:Query', `${table('orders')}/index/by-time`, true],
    ['strategies', 'dynamodb:Query', `${table('orders')}/index/by-time`, false],
  ] as const)('%s: %s on %s is allowed: %s', (fn, action, resource, allowed) => {
    const call = () => iam.authorize(functionAccessKey(fn), action, [resource]);
    if (allowed) expect(call).not.toThrow();
    else expect(call).toThrow(AccessDenied);
  });

  it('words a refusal as AWS does, naming the role, the action and the resource', () => {
    expect(() =>
      iam.authorize(functionAccessKey('strategies'), 'dynamodb:PutItem', [table('accounts')]),
    ).toThrow(
      /assumed-role\/stratus-strategies\/.* is not authorized to perform: dynamodb:PutItem on resource: .*table\/stratus-accounts/,
    );
  });

  it('refuses a key it does not know, and every resource of a call must be allowed', () => {
    expect(() => iam.authorize('AKIASOMEONE', 'dynamodb:GetItem', [table('accounts')])).toThrow(AccessDenied);
    expect(() =>
      iam.authorize(functionAccessKey('strategies'), 'dynamodb:BatchWriteItem', [
        table('strategies'),
        table('accounts'),
      ]),
    ).toThrow(/stratus-accounts/);
  });
});

describe('what a request touches', () => {
  it('reads the table and index of a DynamoDB call off its body, and every table of a batch', () => {
    expect(
      dynamoDbAccess(
        'PutItem',
        JSON.stringify({ TableName: 'stratus-accounts', Item: { TableName: { S: 'x' } } }),
      ),
    ).toEqual({
      action: 'dynamodb:PutItem',
      resources: ['arn:aws:dynamodb:us-east-1:000000000000:table/stratus-accounts'],
    });
    expect(
      dynamoDbAccess('Query', JSON.stringify({ IndexName: 'by-time', TableName: 'stratus-orders' }))
        .resources,
    ).toEqual(['arn:aws:dynamodb:us-east-1:000000000000:table/stratus-orders/index/by-time']);
    expect(
      dynamoDbAccess(
        'BatchWriteItem',
        JSON.stringify({
          RequestItems: {
            'stratus-a': [{ PutRequest: { Item: { pk: { S: 'x' }, list: { L: [{ M: {} }] } } } }],
            'stratus-b': [{ DeleteRequest: { Key: { pk: { S: 'y' } } } }, { PutRequest: { Item: {} } }],
          },
        }),
      ).resources,
    ).toEqual([
      'arn:aws:dynamodb:us-east-1:000000000000:table/stratus-a',
      'arn:aws:dynamodb:us-east-1:000000000000:table/stratus-b',
    ]);
  });

  it('names an SQS batch by the action of its single form, on the queue of its URL', () => {
    const access = sqsAccess((url) => `arn:queue:${url}`);
    expect(access('SendMessageBatch', JSON.stringify({ QueueUrl: 'q1', Entries: [] }))).toEqual({
      action: 'sqs:SendMessage',
      resources: ['arn:queue:q1'],
    });
  });
});

describe('the local host refuses a call outside the caller’s grants, as AWS does', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers AccessDeniedException to the strategies function writing an account', async () => {
    const env = host.environmentOf('strategies');
    expect(env[TABLES.orders.envVar]).toBeUndefined(); // its environment names only its own tables
    expect(process.env[TABLES.accounts.envVar]).toBeUndefined(); // and the process's names none
    const documents = createDocumentClient(env);
    await expect(
      documents.send(
        new PutCommand({ TableName: env[TABLES.accounts.envVar]!, Item: { pk: 'ACCOUNT#x', sk: 'STATE' } }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    // The same call with its own table goes through.
    await documents.send(
      new PutCommand({ TableName: env[TABLES.strategies.envVar]!, Item: { pk: 'PROBE', sk: 'PROBE' } }),
    );
  });
});
