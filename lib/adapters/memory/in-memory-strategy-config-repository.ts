import type { StrategyConfigRepository } from '../../app/ports/strategy-config-repository';
import { ConcurrencyError } from '../../core/errors';
import type { StrategyConfig } from '../../core/strategies/config';

/** Strategy configurations in memory, with the DynamoDB adapter's version rules. */
export class InMemoryStrategyConfigRepository implements StrategyConfigRepository {
  private readonly byId = new Map<string, StrategyConfig[]>();

  async create(config: StrategyConfig): Promise<boolean> {
    if (this.byId.has(key(config.accountId, config.configId))) return false;
    this.byId.set(key(config.accountId, config.configId), [structuredClone(config)]);
    return true;
  }

  async addVersion(config: StrategyConfig): Promise<void> {
    const versions = this.byId.get(key(config.accountId, config.configId));
    if (!versions || versions.length !== config.version - 1) {
      throw new ConcurrencyError(`strategy configuration ${config.configId}`);
    }
    versions.push(structuredClone(config));
  }

  async get(accountId: string, configId: string, version?: number): Promise<StrategyConfig | null> {
    const versions = this.byId.get(key(accountId, configId)) ?? [];
    const found = version === undefined ? versions.at(-1) : versions[version - 1];
    return found ? structuredClone(found) : null;
  }

  async versions(accountId: string, configId: string): Promise<StrategyConfig[]> {
    return structuredClone(this.byId.get(key(accountId, configId)) ?? []);
  }

  async list(accountId: string): Promise<StrategyConfig[]> {
    return [...this.byId.values()]
      .filter((versions) => versions[0]!.accountId === accountId)
      .map((versions) => structuredClone(versions.at(-1)!));
  }
}

const key = (accountId: string, configId: string) => `${accountId}\u0000${configId}`;
