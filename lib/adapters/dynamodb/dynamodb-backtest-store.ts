import type { DocumentClient } from './document-client';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BacktestRun, BacktestStore } from '../../app/ports/backtest-store';

/** Backtest runs, one item each under the account (a run is written once, when it ends). */
export class DynamoDbBacktestStore implements BacktestStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async save(run: BacktestRun): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `ACCOUNT#${run.accountId}`, sk: `BACKTEST#${run.backtestId}`, ...run },
      }),
    );
  }

  async get(accountId: string, backtestId: string): Promise<BacktestRun | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `ACCOUNT#${accountId}`, sk: `BACKTEST#${backtestId}` },
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    const { pk: _pk, sk: _sk, ...run } = Item;
    return run as BacktestRun;
  }
}
