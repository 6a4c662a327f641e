import type { DocumentClient } from './document-client';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Account, LedgerEntry } from '../../core/portfolio/account';
import { type AccountRepository, newestBack } from '../../app/ports/account-repository';
import { putIfAbsent, putIfVersion, queryAll } from './conditional-writes';

const STATE = 'STATE';
const LEDGER_PREFIX = 'LEDGER#';
const MAX_SEQUENCE = 999_999_999_999;

/** The partition that lists every account: one small item per account, so listing reads nothing else. */
const DIRECTORY = 'DIRECTORY';

/**
 * Accounts in DynamoDB. The account item is the unit of atomicity; ledger entries ride in it
 * as an outbox (`pendingEntries`) and are copied to their own items right after the commit.
 * If the process dies between the two, the entries stay in the outbox until the next write of
 * the account, which copies them before it replaces them — so no entry is lost and none is
 * written twice (the copies are keyed by sequence: idempotent puts). Reads never write: a
 * function that may only read accounts can read them, and the ledger read merges whatever is
 * still in the outbox.
 */
export class DynamoDbAccountRepository implements AccountRepository {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async get(accountId: string): Promise<Account | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: stateKey(accountId), ConsistentRead: true }),
    );
    if (!Item) return null;
    // The outbox keeps the last write's entries until the next write replaces it: remember the
    // ones this instance has not copied itself (a crash, or another container's write), so
    // that the write replacing this version copies them first.
    const copied = this.copiedThrough.get(accountId) ?? 0;
    const pending = outboxOf(Item).filter((entry) => entry.sequence > copied);
    const account = toAccount(Item);
    if (pending.length > 0) this.uncopied.set(accountId, { version: account.version, entries: pending });
    else this.uncopied.delete(accountId);
    return account;
  }

  async create(account: Account, entries: readonly LedgerEntry[]): Promise<boolean> {
    // Listed first (an idempotent put): an account can never exist unlisted, so every
    // platform job sees it; a listing whose account write then failed is opened by its first use.
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: DIRECTORY, sk: directoryKey(account.accountId), accountId: account.accountId },
      }),
    );
    if (!(await putIfAbsent(this.client, this.tableName, toItem(account, entries)))) return false;
    await this.materialize(entries);
    return true;
  }

  async save(account: Account, entries: readonly LedgerEntry[]): Promise<void> {
    await putIfVersion(this.client, this.tableName, toItem(account, entries), `account ${account.accountId}`);
    // The write replaced the outbox of the version it was conditional on: copy what was left in it.
    const left = this.uncopied.get(account.accountId);
    this.uncopied.delete(account.accountId);
    const carried = left && left.version === account.version - 1 ? left.entries : [];
    await this.materialize([...carried, ...entries]);
  }

  /** Per account, outbox entries a read found that nobody had copied, with the version read. */
  private readonly uncopied = new Map<string, { version: number; entries: readonly LedgerEntry[] }>();

  /**
   * Every account id, from the directory partition: a query that reads one small item per
   * account — never the accounts or their ledgers, which a scan would (platform jobs ask every
   * minute). Consistent, so an account opened a moment ago is in the list.
   */
  async listAccountIds(): Promise<string[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :directory',
      ExpressionAttributeValues: { ':directory': DIRECTORY },
      ProjectionExpression: 'accountId',
      ConsistentRead: true,
    });
    return items.map((item) => String(item.accountId));
  }

  async listLedger(
    accountId: string,
    options: { afterSequence?: number; limit?: number } = {},
  ): Promise<LedgerEntry[]> {
    const { Item: state } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: stateKey(accountId), ConsistentRead: true }),
    );
    const entries: LedgerEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          // Bounded on both sides: the account's STATE item shares the partition.
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': accountKey(accountId),
            ':from': ledgerKey((options.afterSequence ?? 0) + 1),
            ':to': ledgerKey(MAX_SEQUENCE),
          },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
          Limit: options.limit,
        }),
      );
      for (const item of page.Items ?? []) entries.push(toLedgerEntry(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey && (options.limit === undefined || entries.length < options.limit));
    // Entries still only in the outbox (their copy was interrupted) belong to the ledger too.
    const after = entries.at(-1)?.sequence ?? options.afterSequence ?? 0;
    if (state && (options.limit === undefined || entries.length < options.limit))
      entries.push(...outboxOf(state).filter((entry) => entry.sequence > after));
    return options.limit === undefined ? entries : entries.slice(0, options.limit);
  }

  async recentLedger(
    accountId: string,
    options: { since?: string; limit: number },
  ): Promise<{ entries: LedgerEntry[]; complete: boolean }> {
    // Backwards from the top of the account's partition: its STATE item first (sk 'STATE' sorts
    // after 'LEDGER#…'), whose outbox may hold the newest entries, then the ledger, newest first.
    const newestFirst: LedgerEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    let outbox: LedgerEntry[] = [];
    const enough = () => {
      const oldest = newestFirst.at(-1);
      return (
        newestFirst.length > options.limit ||
        (oldest !== undefined && options.since !== undefined && oldest.at < options.since)
      );
    };
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': accountKey(accountId), ':from': ledgerKey(0), ':to': STATE },
          ScanIndexForward: false,
          Limit: Math.min(1_000, options.limit + 2),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.sk === STATE) {
          outbox = [...outboxOf(item)].reverse();
          continue;
        }
        const entry = toLedgerEntry(item);
        // Outbox entries newer than the newest copied one were never copied (an interrupted write).
        if (newestFirst.length === 0)
          newestFirst.push(...outbox.filter((pending) => pending.sequence > entry.sequence));
        newestFirst.push(entry);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && !enough());
    if (newestFirst.length === 0) newestFirst.push(...outbox);
    return newestBack(newestFirst, options);
  }

  /** Per account, the highest ledger sequence this instance has copied to its own item. */
  private readonly copiedThrough = new Map<string, number>();

  /** Copies ledger entries to their own items: idempotent puts, batched 25 at a time, unprocessed ones retried. */
  private async materialize(entries: readonly LedgerEntry[]): Promise<void> {
    await this.copy(entries);
    for (const entry of entries) {
      if (entry.sequence > (this.copiedThrough.get(entry.accountId) ?? 0))
        this.copiedThrough.set(entry.accountId, entry.sequence);
    }
  }

  private async copy(entries: readonly LedgerEntry[]): Promise<void> {
    for (let start = 0; start < entries.length; start += 25) {
      let requests = entries.slice(start, start + 25).map((entry) => ({
        PutRequest: { Item: { pk: accountKey(entry.accountId), sk: ledgerKey(entry.sequence), ...entry } },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= 10) throw new Error('DynamoDB left ledger entries unprocessed after 10 attempts');
        const result = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }
}

function outboxOf(item: Record<string, unknown>): LedgerEntry[] {
  return (item.pendingEntries ?? []) as LedgerEntry[];
}

/**
 * Lists in the directory every account stored before the directory existed (a scan of the
 * table: for an operator's one-off upgrade, e.g. the local host starting on kept data, never
 * for a function). Idempotent; returns the ids it added.
 */
export async function backfillAccountDirectory(client: DocumentClient, tableName: string): Promise<string[]> {
  const listed = new Set(await new DynamoDbAccountRepository(client, tableName).listAccountIds());
  const added: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :state',
        ExpressionAttributeValues: { ':state': STATE },
        ProjectionExpression: 'accountId',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const accountId = String(item.accountId);
      if (listed.has(accountId)) continue;
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: DIRECTORY, sk: directoryKey(accountId), accountId },
        }),
      );
      added.push(accountId);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return added;
}

function directoryKey(accountId: string): string {
  return `ACCOUNT#${accountId}`;
}

function accountKey(accountId: string): string {
  return `ACCOUNT#${accountId}`;
}

function stateKey(accountId: string) {
  return { pk: accountKey(accountId), sk: STATE };
}

/** Zero-padded so that the sort key orders like the number. */
function ledgerKey(sequence: number): string {
  return `${LEDGER_PREFIX}${String(sequence).padStart(12, '0')}`;
}

/**
 * The account item: its key, the attributes conditions and scans read (`version`, `accountId`),
 * the outbox, and the account itself as one JSON string. An account with many positions,
 * strategies and open orders is a deep map of tens of KB; as nested DynamoDB attributes every
 * write marshalled and validated it attribute by attribute — most of an order's store CPU on a
 * busy account (docs/benchmarks.md). The item's size, and so its 400 KB limit, is the same.
 */
function toItem(account: Account, pendingEntries: readonly LedgerEntry[]) {
  return {
    ...stateKey(account.accountId),
    accountId: account.accountId,
    version: account.version,
    document: JSON.stringify(account),
    pendingEntries,
  };
}

function toAccount(item: Record<string, unknown>): Account {
  // Items written before the JSON document kept the account's fields as attributes.
  const { pk: _pk, sk: _sk, pendingEntries: _pending, ...attributes } = item;
  const account = (typeof item.document === 'string' ? JSON.parse(item.document) : attributes) as Account;
  // Accounts stored before orders existed have neither field.
  return {
    ...account,
    openOrders: account.openOrders ?? {},
    ledgerSequence: account.ledgerSequence ?? account.version,
  };
}

function toLedgerEntry(item: Record<string, unknown>): LedgerEntry {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as unknown as LedgerEntry;
}
