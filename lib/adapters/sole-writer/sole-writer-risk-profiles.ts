import type { RiskLimitsRepository, RiskProfile } from '../../app/ports/risk-limits-repository';
import type { TradingStateRepository } from '../../app/ports/trading-state-repository';
import type { RiskLimitSet } from '../../core/risk/limits';
import type { TradingState } from '../../core/risk/trading-state';
import { ItemCache } from './item-cache';

/**
 * Risk limits and trading states for a process that is the only writer of its tables (see
 * SoleWriterAccountRepository): every order reads its account's profile (limits + trading state),
 * which changes only when this process writes one of the two — so the profile is kept in memory
 * and forgotten before and after every such write. A halt is seen by the next order: a read
 * that a write overtook is never cached, and a write drops the profile before it starts.
 */
export class SoleWriterRiskProfiles {
  private readonly profiles = new ItemCache<RiskProfile>(1_000);
  readonly limits: RiskLimitsRepository;
  readonly tradingStates: TradingStateRepository;

  constructor(limits: RiskLimitsRepository, tradingStates: TradingStateRepository) {
    this.limits = {
      profile: (accountId) =>
        this.profiles.read(accountId, () => limits.profile(accountId)) as Promise<RiskProfile>,
      save: (set: RiskLimitSet) => this.writing(set.accountId, () => limits.save(set)),
    };
    this.tradingStates = {
      get: (accountId) => tradingStates.get(accountId),
      save: (state: TradingState) => this.writing(state.accountId, () => tradingStates.save(state)),
    };
  }

  private async writing(accountId: string, write: () => Promise<void>): Promise<void> {
    this.profiles.delete(accountId);
    try {
      await write();
    } finally {
      this.profiles.delete(accountId);
    }
  }
}
