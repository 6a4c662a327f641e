import type { StrategyConfigRepository } from '../../app/ports/strategy-config-repository';
import { ConcurrencyError } from '../../core/errors';
import type { StrategyConfig } from '../../core/strategies/config';

/** Strategy configurations in memory, with the DynamoDB adapter's version rules. */
export class InMemoryStrategyConfigRepository implements StrategyConfigRepository {
  private readonly byId = new Map<string, StrategyConfig[]>();

  async create(config: StrategyConfig): Promise<boolean> {
    if (this.byId.has(config.configId)) return false;
    this.byId.set(config.configId, [structuredClone(config)]);
    return true;
  }

  async addVersion(config: StrategyConfig): Promise<void> {
    const versions = this.byId.get(config.configId);
    if (!versions || versions.length !== config.version - 1) {
      throw new ConcurrencyError(`strategy configuration ${config.configId}`);
    }
    versions.push(structuredClone(config));
  }

  async get(configId: string, version?: number): Promise<StrategyConfig | null> {
    const versions = this.byId.get(configId) ?? [];
    const found = version === undefined ? versions.at(-1) : versions[version - 1];
    return found ? structuredClone(found) : null;
  }

  async versions(configId: string): Promise<StrategyConfig[]> {
    return structuredClone(this.byId.get(configId) ?? []);
  }

  async list(): Promise<StrategyConfig[]> {
    return [...this.byId.values()].map((versions) => structuredClone(versions.at(-1)!));
  }
}
