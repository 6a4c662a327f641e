import type { DocumentClient } from './document-client';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EngineStore, SessionPlan } from '../../app/ports/engine-store';
import type { MarketConditionsReport } from '../../core/engine/market-conditions';
import type { CycleSummary, StrategySession } from '../../core/engine/session';
import { putIfVersion, queryAll } from './conditional-writes';

/** Cycle records are kept two weeks (DynamoDB's TTL removes them; readers do not depend on it). */
const CYCLE_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * The engine table. Items: `SESSION` / account (each account's current session), `CYCLE#session`
 * / time (what each cycle did), `PLAN#date` / account, `CONDITIONS` / date, `LEASE` / name.
 */
export class DynamoDbEngineStore implements EngineStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async currentSession(accountId: string): Promise<StrategySession | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: 'SESSION', sk: accountId },
        ConsistentRead: true,
      }),
    );
    return Item ? strip<StrategySession>(Item) : null;
  }

  async liveSessions(): Promise<StrategySession[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#state <> :stopped',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pk': 'SESSION', ':stopped': 'stopped' },
      ConsistentRead: true,
    });
    return items.map((item) => strip<StrategySession>(item));
  }

  async createSession(session: StrategySession): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: 'SESSION', sk: session.accountId, ...session },
          // One live session per account: a new one replaces only a stopped one.
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :stopped',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':stopped': 'stopped' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async saveSession(session: StrategySession): Promise<void> {
    await putIfVersion(
      this.client,
      this.tableName,
      { pk: 'SESSION', sk: session.accountId, ...session },
      `session ${session.sessionId}`,
    );
  }

  async recordCycle(sessionId: string, summary: CycleSummary): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `CYCLE#${sessionId}`,
          sk: `${summary.at}#${summary.cycleId}`,
          ...summary,
          expiresAt: Math.floor(Date.parse(summary.at) / 1000) + CYCLE_RETENTION_SECONDS,
        },
      }),
    );
  }

  async recentCycles(sessionId: string, limit: number): Promise<CycleSummary[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CYCLE#${sessionId}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => {
      const { expiresAt: _expiresAt, ...summary } = strip<CycleSummary & { expiresAt: number }>(item);
      return summary;
    });
  }

  async putPlan(plan: SessionPlan): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `PLAN#${plan.date}`, sk: plan.accountId, ...plan },
      }),
    );
  }

  async plan(accountId: string, date: string): Promise<SessionPlan | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `PLAN#${date}`, sk: accountId },
        ConsistentRead: true,
      }),
    );
    return Item ? strip<SessionPlan>(Item) : null;
  }

  async plansFor(date: string): Promise<SessionPlan[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `PLAN#${date}` },
      ConsistentRead: true,
    });
    return items.map((item) => strip<SessionPlan>(item));
  }

  async putConditions(report: MarketConditionsReport): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: 'CONDITIONS', sk: report.date, ...report } }),
    );
  }

  async conditions(date?: string): Promise<MarketConditionsReport | null> {
    if (date) {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: 'CONDITIONS', sk: date } }),
      );
      return Item ? strip<MarketConditionsReport>(Item) : null;
    }
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CONDITIONS' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return Items?.[0] ? strip<MarketConditionsReport>(Items[0]) : null;
  }

  async acquireLease(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: 'LEASE', sk: name, holder, untilMs: until.getTime(), takenAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR untilMs <= :now OR holder = :holder',
          ExpressionAttributeValues: { ':now': now.getTime(), ':holder': holder },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: 'LEASE', sk: name },
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // taken over after expiry: not ours
    }
  }
}

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}
