import type { DocumentClient } from './document-client';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type BacktestRun,
  type BacktestStore,
  DETAIL_FIELDS,
  withoutDetails,
} from '../../app/ports/backtest-store';
import { queryAll } from './conditional-writes';

/**
 * Backtests under the account, written once when they end: a header item (request, status,
 * how many runs), and per run two items — its metrics (`…#S#<rank>`, a few KB) and its trades
 * and equity curve (`…#D#<rank>`, up to ~200 KB) — so no item nears DynamoDB's 400 KB and a
 * read of the sweep's table touches the small items only. The runs are written before the
 * header: a backtest is visible only once all of it is stored.
 */
export class DynamoDbBacktestStore implements BacktestStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async save(run: BacktestRun): Promise<void> {
    const pk = accountKey(run.accountId);
    const items = run.runs.flatMap((row, index) => {
      const details = Object.fromEntries(DETAIL_FIELDS.map((field) => [field, row[field]]));
      return [
        { pk, sk: runKey(run.backtestId, 'S', index + 1), document: JSON.stringify(withoutDetails(row)) },
        { pk, sk: runKey(run.backtestId, 'D', index + 1), document: JSON.stringify(details) },
      ];
    });
    for (let start = 0; start < items.length; start += 25) {
      let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= 10) throw new Error('DynamoDB left backtest runs unprocessed after 10 attempts');
        const result = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
    const { runs, ...header } = run;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk, sk: headerKey(run.backtestId), ...header, runCount: runs.length },
      }),
    );
  }

  async get(accountId: string, backtestId: string): Promise<BacktestRun | null> {
    const header = await this.header(accountId, backtestId);
    if (!header) return null;
    // Stored before runs had items of their own: the whole result in the header.
    if (Array.isArray(header.runs)) {
      const { pk: _pk, sk: _sk, ...legacy } = header;
      return legacy as unknown as BacktestRun;
    }
    const rows = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': accountKey(accountId), ':prefix': `${headerKey(backtestId)}#S#` },
      ConsistentRead: true,
    });
    const runs = rows.map((row) => JSON.parse(String(row.document)) as Record<string, unknown>);
    const best = runs.length > 0 ? await this.details(accountId, backtestId, 1) : null;
    if (best && runs[0]) Object.assign(runs[0], best);
    const { pk: _pk, sk: _sk, runCount: _count, ...rest } = header;
    return { ...(rest as Omit<BacktestRun, 'runs'>), runs };
  }

  async getRun(accountId: string, backtestId: string, rank: number): Promise<Record<string, unknown> | null> {
    const [summary, details] = await Promise.all([
      this.item(accountId, runKey(backtestId, 'S', rank)),
      this.details(accountId, backtestId, rank),
    ]);
    if (!summary || !details) return null;
    return { ...(JSON.parse(String(summary.document)) as Record<string, unknown>), ...details };
  }

  private async header(accountId: string, backtestId: string) {
    return this.item(accountId, headerKey(backtestId));
  }

  private async details(accountId: string, backtestId: string, rank: number) {
    const item = await this.item(accountId, runKey(backtestId, 'D', rank));
    return item ? (JSON.parse(String(item.document)) as Record<string, unknown>) : null;
  }

  private async item(accountId: string, sk: string) {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountKey(accountId), sk },
        ConsistentRead: true,
      }),
    );
    return Item ?? null;
  }
}

function accountKey(accountId: string): string {
  return `ACCOUNT#${accountId}`;
}

function headerKey(backtestId: string): string {
  return `BACKTEST#${backtestId}`;
}

/** Zero-padded ranks sort as numbers; `S` (metrics) and `D` (details) runs apart, so a query reads only one kind. */
function runKey(backtestId: string, kind: 'S' | 'D', rank: number): string {
  return `${headerKey(backtestId)}#${kind}#${String(rank).padStart(5, '0')}`;
}
