import type { RiskLimitSet } from '../../core/risk/limits';
import type { TradingState } from '../../core/risk/trading-state';

/** The trading state and the limits of an account: what every pre-trade decision starts from. */
export interface RiskProfile {
  tradingState: TradingState;
  /** Null when no administrator has set limits: the platform defaults apply. */
  limits: RiskLimitSet | null;
}

/**
 * Stores each account's risk limits next to its trading state, so one read gives a pre-trade
 * decision both. `profile` must throw when it cannot read — callers fail closed.
 */
export interface RiskLimitsRepository {
  profile(accountId: string): Promise<RiskProfile>;
  /** Replaces the set whose stored version is `set.version - 1`; ConcurrencyError otherwise. */
  save(set: RiskLimitSet): Promise<void>;
}
