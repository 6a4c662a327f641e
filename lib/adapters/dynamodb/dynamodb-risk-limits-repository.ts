import type { DocumentClient } from './document-client';
import type { RiskLimitsRepository, RiskProfile } from '../../app/ports/risk-limits-repository';
import { ConcurrencyError } from '../../core/errors';
import type { RiskLimitSet } from '../../core/risk/limits';
import { initialTradingState, type TradingState } from '../../core/risk/trading-state';
import { putIfAbsent, putIfVersion, queryAll } from './conditional-writes';

/**
 * Risk limits in the risk table, in the same partition as the trading state (`ACCOUNT#id`):
 * one strongly consistent query reads both for every pre-trade decision.
 */
export class DynamoDbRiskLimitsRepository implements RiskLimitsRepository {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date,
  ) {}

  async profile(accountId: string): Promise<RiskProfile> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}` },
      ConsistentRead: true,
    });
    let tradingState: TradingState | undefined;
    let limits: RiskLimitSet | null = null;
    for (const { pk: _pk, sk, ...rest } of items) {
      if (sk === 'TRADING_STATE') tradingState = rest as unknown as TradingState;
      if (sk === 'LIMITS') limits = rest as unknown as RiskLimitSet;
    }
    return { tradingState: tradingState ?? initialTradingState(accountId, this.now()), limits };
  }

  async save(set: RiskLimitSet): Promise<void> {
    const item = { pk: `ACCOUNT#${set.accountId}`, sk: 'LIMITS', ...set };
    if (set.version === 1) {
      if (!(await putIfAbsent(this.client, this.tableName, item))) {
        throw new ConcurrencyError(`risk limits of ${set.accountId}`);
      }
      return;
    }
    await putIfVersion(this.client, this.tableName, item, `risk limits of ${set.accountId}`);
  }
}
