import type { StrategyConfig } from '../../core/strategies/config';

/** Strategy configurations with their immutable versions, each owned by one account. */
export interface StrategyConfigRepository {
  /** Stores version 1 of a new configuration; false (nothing written) if the id exists. */
  create(config: StrategyConfig): Promise<boolean>;
  /** Adds `config.version` after `config.version - 1` is the latest; ConcurrencyError otherwise. */
  addVersion(config: StrategyConfig): Promise<void>;
  /** The account's configuration: the latest version, or the given one. */
  get(accountId: string, configId: string, version?: number): Promise<StrategyConfig | null>;
  /** Every version, oldest first. */
  versions(accountId: string, configId: string): Promise<StrategyConfig[]>;
  /** The latest version of every configuration of the account. */
  list(accountId: string): Promise<StrategyConfig[]>;
}
