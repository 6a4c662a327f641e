import type { DocumentClient } from './document-client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TradingStateRepository } from '../../app/ports/trading-state-repository';
import { ConcurrencyError } from '../../core/errors';
import { initialTradingState, type TradingState } from '../../core/risk/trading-state';
import { putIfAbsent, putIfVersion } from './conditional-writes';

/** Trading states in the risk table; an account never stopped reads as ACTIVE (version 0). */
export class DynamoDbTradingStateRepository implements TradingStateRepository {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date,
  ) {}

  async get(accountId: string): Promise<TradingState> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key(accountId), ConsistentRead: true }),
    );
    if (!Item) return initialTradingState(accountId, this.now());
    const { pk: _pk, sk: _sk, ...state } = Item;
    return state as unknown as TradingState;
  }

  async save(state: TradingState): Promise<void> {
    const item = { ...key(state.accountId), ...state };
    if (state.version === 1) {
      if (!(await putIfAbsent(this.client, this.tableName, item))) {
        throw new ConcurrencyError(`trading state of ${state.accountId}`);
      }
      return;
    }
    await putIfVersion(this.client, this.tableName, item, `trading state of ${state.accountId}`);
  }
}

function key(accountId: string) {
  return { pk: `ACCOUNT#${accountId}`, sk: 'TRADING_STATE' };
}
