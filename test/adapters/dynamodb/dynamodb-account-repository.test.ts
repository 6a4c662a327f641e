import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DocumentClient } from '../../../lib/adapters/dynamodb/document-client';
import {
  backfillAccountDirectory,
  DynamoDbAccountRepository,
} from '../../../lib/adapters/dynamodb/dynamodb-account-repository';
import { openPaperAccount } from '../../../lib/core/portfolio/account';
import { useDynalite } from '../../support/dynalite';
import { accountRepositoryContract } from '../account-repository.contract';

const dynamo = useDynalite();

/** The document client, recording the name of every command sent through it. */
function countingCommands(documents: DocumentClient): { counting: DocumentClient; sent: string[] } {
  const sent: string[] = [];
  const counting = Object.create(documents) as DocumentClient;
  counting.send = ((command: { constructor: { name: string } }) => {
    sent.push(command.constructor.name);
    return documents.send(command as never);
  }) as DocumentClient['send'];
  return { counting, sent };
}

accountRepositoryContract(
  'DynamoDbAccountRepository on dynalite',
  async () => new DynamoDbAccountRepository(dynamo.documents(), dynamo.tableName('accounts')),
);

describe('DynamoDbAccountRepository ledger outbox', () => {
  it('recovers ledger entries a crash left between the commit and their copy', async () => {
    const repository = new DynamoDbAccountRepository(dynamo.documents(), dynamo.tableName('accounts'));
    const { account, entries } = openPaperAccount('crashed', 10_000_000, new Date('2026-03-02T15:00:00Z'));
    // Simulate the crash: the account item (with its outbox) is committed, the copy never ran.
    await dynamo.documents().send(
      new PutCommand({
        TableName: dynamo.tableName('accounts'),
        Item: { pk: 'ACCOUNT#crashed', sk: 'STATE', ...account, pendingEntries: entries },
      }),
    );

    expect(await repository.listLedger('crashed')).toEqual(entries);
    expect((await repository.recentLedger('crashed', { limit: 10 })).entries).toEqual([...entries].reverse());
    expect(await repository.get('crashed')).toEqual(account);
  });

  it('never writes on a read; the next write copies what a crash left in the outbox before replacing it', async () => {
    const documents = dynamo.documents();
    const { counting, sent } = countingCommands(documents);
    const { account, entries } = openPaperAccount('left-over', 10_000_000, new Date('2026-03-02T15:00:00Z'));
    await documents.send(
      new PutCommand({
        TableName: dynamo.tableName('accounts'),
        Item: { pk: 'ACCOUNT#left-over', sk: 'STATE', ...account, pendingEntries: entries },
      }),
    );
    const repository = new DynamoDbAccountRepository(counting, dynamo.tableName('accounts'));
    const read = await repository.get('left-over');
    await repository.listLedger('left-over');
    await repository.recentLedger('left-over', { limit: 10 });
    expect(sent.filter((name) => /Put|Write|Delete|Update/.test(name))).toEqual([]);

    const deposit = {
      accountId: 'left-over',
      sequence: entries.length + 1,
      kind: 'deposit' as const,
      amountCents: 5,
      balanceAfterCents: account.cashCents + 5,
      at: '2026-03-02T15:01:00.000Z',
    };
    await repository.save({ ...read!, cashCents: account.cashCents + 5, version: read!.version + 1 }, [
      deposit,
    ]);
    // A fresh reader now finds every entry in its own item, the outbox holding only the last write's.
    const fresh = new DynamoDbAccountRepository(documents, dynamo.tableName('accounts'));
    expect(await fresh.listLedger('left-over')).toEqual([...entries, deposit]);
  });

  it('copies each ledger entry once: reading back its own write does not copy the outbox again', async () => {
    const documents = dynamo.documents();
    const { counting, sent } = countingCommands(documents);
    const repository = new DynamoDbAccountRepository(counting, dynamo.tableName('accounts'));
    const { account, entries } = openPaperAccount(
      'copied-once',
      10_000_000,
      new Date('2026-03-02T15:00:00Z'),
    );
    await repository.create(account, entries);
    sent.length = 0;

    expect(await repository.get('copied-once')).toEqual(account);
    expect(sent).toEqual(['GetCommand']);
    // Another instance (another process) has not copied them itself: it does, idempotently.
    const other = new DynamoDbAccountRepository(dynamo.documents(), dynamo.tableName('accounts'));
    expect(await other.get('copied-once')).toEqual(account);
    expect(await other.listLedger('copied-once')).toEqual(entries);
  });

  it('stores the account as one JSON document beside its version, and still reads items in the older attribute form', async () => {
    const repository = new DynamoDbAccountRepository(dynamo.documents(), dynamo.tableName('accounts'));
    const { account, entries } = openPaperAccount('as-json', 10_000_000, new Date('2026-03-02T15:00:00Z'));
    await repository.create(account, entries);
    const { Item } = await dynamo.documents().send(
      new GetCommand({
        TableName: dynamo.tableName('accounts'),
        Key: { pk: 'ACCOUNT#as-json', sk: 'STATE' },
      }),
    );
    expect(Item).toMatchObject({ accountId: 'as-json', version: account.version });
    expect(JSON.parse(String(Item?.document))).toEqual(account);
    expect(Item?.cashCents).toBeUndefined();
    // (The outbox test above writes the older form — the account's fields as attributes.)
  });
});

describe('the account directory', () => {
  it('lists an account stored before the directory once the operator backfills it, and only once', async () => {
    const documents = dynamo.documents();
    const repository = new DynamoDbAccountRepository(documents, dynamo.tableName('accounts'));
    const { account } = openPaperAccount('from-before', 1_000, new Date('2026-03-02T15:00:00Z'));
    await documents.send(
      new PutCommand({
        TableName: dynamo.tableName('accounts'),
        Item: {
          pk: 'ACCOUNT#from-before',
          sk: 'STATE',
          accountId: 'from-before',
          version: 1,
          document: JSON.stringify(account),
        },
      }),
    );
    expect(await repository.listAccountIds()).not.toContain('from-before');
    expect(await backfillAccountDirectory(documents, dynamo.tableName('accounts'))).toContain('from-before');
    expect(await repository.listAccountIds()).toContain('from-before');
    expect(await backfillAccountDirectory(documents, dynamo.tableName('accounts'))).toEqual([]);
  });
});
