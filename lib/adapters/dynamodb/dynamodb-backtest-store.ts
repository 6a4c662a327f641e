import type { DocumentClient } from './document-client';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type BacktestRun,
  type BacktestStatus,
  type BacktestStore,
  DEFAULT_RUNS_PAGE,
  DETAIL_FIELDS,
  progressOf,
  rankByOf,
  rankedRows,
  type RunsPage,
  withoutDetails,
} from '../../app/ports/backtest-store';
import { queryAll } from './conditional-writes';

/**
 * Backtests under the account: a header item (request, status, progress, the ranking as a list
 * of run numbers once finished), and per run two items — its metrics (`…#S#<number>`, a few KB)
 * and its trades and equity curve (`…#D#<number>`, up to ~200 KB) — so no item nears
 * DynamoDB's 400 KB, runs are written as they finish by any number of writers, and a read of
 * the sweep's table touches the small items only.
 */
export class DynamoDbBacktestStore implements BacktestStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async save(run: BacktestRun, onlyIf?: BacktestStatus): Promise<boolean> {
    const numbered = run.runs.map((row, index) => ({ ...row, number: Number(row.number ?? index + 1) }));
    await this.putRows(run.accountId, run.backtestId, numbered);
    const { runs: _runs, runCount: _count, ...header } = run;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: accountKey(run.accountId),
            sk: headerKey(run.backtestId),
            ...header,
            ...(numbered.length > 0 ? { order: numbered.map((row) => row.number) } : {}),
          },
          ...(onlyIf ? statusIs([onlyIf]) : {}),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async addRuns(accountId: string, backtestId: string, rows: readonly Record<string, unknown>[]) {
    await this.putRows(accountId, backtestId, rows);
    return (await this.item(accountId, headerKey(backtestId)))?.status === 'running';
  }

  async summaries(accountId: string, backtestId: string) {
    return this.rows(accountId, backtestId);
  }

  async getHeader(accountId: string, backtestId: string): Promise<BacktestRun | null> {
    const header = await this.item(accountId, headerKey(backtestId));
    if (!header) return null;
    // `runs` only on one stored before runs had items of their own (the whole result in the header).
    const { pk: _pk, sk: _sk, runCount: _count, order: _order, runs: _runs, ...rest } = header;
    return { ...(rest as Omit<BacktestRun, 'runs'>), runs: [] };
  }

  async get(accountId: string, backtestId: string, page: RunsPage = DEFAULT_RUNS_PAGE) {
    const header = await this.item(accountId, headerKey(backtestId));
    if (!header) return null;
    // Stored before runs had items of their own: the whole result in the header.
    if (Array.isArray(header.runs)) {
      const { pk: _pk, sk: _sk, ...legacy } = header;
      return legacy as unknown as BacktestRun;
    }
    const ranked = await this.ranked(accountId, backtestId, header);
    const runs = ranked.slice(page.offset, page.offset + page.limit);
    const best = runs[0] && page.offset === 0 ? await this.details(accountId, backtestId, runs[0]) : null;
    if (best) Object.assign(runs[0]!, best);
    const { pk: _pk, sk: _sk, runCount: _count, order: _order, ...rest } = header;
    const head = rest as Omit<BacktestRun, 'runs'>;
    return { ...head, ...progressOf(head, ranked.length), runCount: ranked.length, runs };
  }

  async getRun(accountId: string, backtestId: string, rank: number) {
    const header = await this.item(accountId, headerKey(backtestId));
    if (!header) return null;
    const summary = (await this.ranked(accountId, backtestId, header))[rank - 1];
    if (!summary) return null;
    const details = await this.details(accountId, backtestId, summary);
    return details ? { ...summary, ...details } : null;
  }

  async cancel(accountId: string, backtestId: string, at: string) {
    const header = await this.item(accountId, headerKey(backtestId));
    if (!header) return null;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...header, status: 'canceled', finishedAt: at },
          ...statusIs(['queued', 'running']),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return this.get(accountId, backtestId);
  }

  /** Every run's metrics, best first (rows stored by rank before runs had numbers: the rank is the number). */
  private async ranked(accountId: string, backtestId: string, header: Record<string, unknown>) {
    const rows = await this.rows(accountId, backtestId);
    const order = Array.isArray(header.order)
      ? (header.order as number[])
      : typeof header.runCount === 'number'
        ? Array.from({ length: header.runCount }, (_, i) => i + 1)
        : undefined;
    return rankedRows(rows, order, rankByOf(header.request as Record<string, unknown>));
  }

  private async rows(accountId: string, backtestId: string) {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': accountKey(accountId), ':prefix': `${headerKey(backtestId)}#S#` },
      ConsistentRead: true,
    });
    return items.map((item) => ({
      number: Number(String(item.sk).slice(-5)),
      ...(JSON.parse(String(item.document)) as Record<string, unknown>),
    }));
  }

  /** Each row's metrics, and its details when it carries them, under its number. */
  private async putRows(accountId: string, backtestId: string, rows: readonly Record<string, unknown>[]) {
    const pk = accountKey(accountId);
    const items = rows.flatMap((row) => {
      const number = Number(row.number);
      const summary = {
        pk,
        sk: runKey(backtestId, 'S', number),
        document: JSON.stringify(withoutDetails(row)),
      };
      if (!DETAIL_FIELDS.some((field) => field in row)) return [summary];
      const details = Object.fromEntries(DETAIL_FIELDS.map((field) => [field, row[field]]));
      return [summary, { pk, sk: runKey(backtestId, 'D', number), document: JSON.stringify(details) }];
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
  }

  private async details(accountId: string, backtestId: string, row: Record<string, unknown>) {
    const item = await this.item(accountId, runKey(backtestId, 'D', Number(row.number)));
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

/** A put's condition: the stored header's status is one of these. */
function statusIs(statuses: readonly BacktestStatus[]) {
  return {
    ConditionExpression: `#status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status])),
  };
}

function accountKey(accountId: string): string {
  return `ACCOUNT#${accountId}`;
}

function headerKey(backtestId: string): string {
  return `BACKTEST#${backtestId}`;
}

/** Zero-padded numbers sort as numbers; `S` (metrics) and `D` (details) runs apart, so a query reads only one kind. */
function runKey(backtestId: string, kind: 'S' | 'D', number: number): string {
  return `${headerKey(backtestId)}#${kind}#${String(number).padStart(5, '0')}`;
}
