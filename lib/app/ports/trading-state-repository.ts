import type { TradingState } from '../../core/risk/trading-state';

/**
 * The durable trading state of each account. `get` must throw when the state cannot be read —
 * callers fail closed (no order goes out) rather than assume ACTIVE.
 */
export interface TradingStateRepository {
  get(accountId: string): Promise<TradingState>;
  /** Replaces the state whose stored version is `state.version - 1`; ConcurrencyError otherwise. */
  save(state: TradingState): Promise<void>;
}
