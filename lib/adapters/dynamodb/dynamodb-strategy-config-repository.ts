import type { DocumentClient } from './document-client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StrategyConfigRepository } from '../../app/ports/strategy-config-repository';
import { ConcurrencyError } from '../../core/errors';
import type { StrategyConfig } from '../../core/strategies/config';
import { putIfAbsent, putIfVersion, queryAll } from './conditional-writes';

const latestPk = (accountId: string) => `CONFIGS#${accountId}`;
const historyPk = (accountId: string, configId: string) => `CONFIG#${accountId}#${configId}`;
const versionKey = (config: Pick<StrategyConfig, 'accountId' | 'configId' | 'version'>) => ({
  pk: historyPk(config.accountId, config.configId),
  sk: `V#${String(config.version).padStart(10, '0')}`,
});

/**
 * Strategy configurations, per account: each version an immutable item under
 * `CONFIG#account#id`, and the latest of each copied under `CONFIGS#account` (conditional on the
 * version it replaces) for listing. A version is
 * written first; if the copy then fails, retrying the same version completes it.
 */
export class DynamoDbStrategyConfigRepository implements StrategyConfigRepository {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async create(config: StrategyConfig): Promise<boolean> {
    if (!(await putIfAbsent(this.client, this.tableName, { ...versionKey(config), ...config }))) {
      const latest = await this.get(config.accountId, config.configId);
      if (latest) return false;
    }
    return putIfAbsent(this.client, this.tableName, {
      pk: latestPk(config.accountId),
      sk: config.configId,
      ...config,
    });
  }

  async addVersion(config: StrategyConfig): Promise<void> {
    const latest = await this.get(config.accountId, config.configId);
    if (latest?.version !== config.version - 1 && latest?.version !== config.version) {
      throw new ConcurrencyError(`strategy configuration ${config.configId}`);
    }
    if (!(await putIfAbsent(this.client, this.tableName, { ...versionKey(config), ...config }))) {
      // Someone wrote this version already: only a retry of this very write may go on to the copy.
      const stored = await this.get(config.accountId, config.configId, config.version);
      if (stored?.createdAt !== config.createdAt || stored.createdBy !== config.createdBy) {
        throw new ConcurrencyError(`strategy configuration ${config.configId}`);
      }
    }
    await putIfVersion(
      this.client,
      this.tableName,
      { pk: latestPk(config.accountId), sk: config.configId, ...config },
      `strategy configuration ${config.configId}`,
    );
  }

  async get(accountId: string, configId: string, version?: number): Promise<StrategyConfig | null> {
    const key =
      version === undefined
        ? { pk: latestPk(accountId), sk: configId }
        : versionKey({ accountId, configId, version });
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item ? strip(Item) : null;
  }

  async versions(accountId: string, configId: string): Promise<StrategyConfig[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': historyPk(accountId, configId) },
      ConsistentRead: true,
    });
    // A version written by a writer that failed before its copy is not part of the history.
    const latest = await this.get(accountId, configId);
    return items.map(strip).filter((config) => config.version <= (latest?.version ?? 0));
  }

  async list(accountId: string): Promise<StrategyConfig[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': latestPk(accountId) },
    });
    return items.map(strip);
  }
}

function strip(item: Record<string, unknown>): StrategyConfig {
  const { pk: _pk, sk: _sk, ...config } = item;
  return config as unknown as StrategyConfig;
}
