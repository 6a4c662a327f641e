import { ConcurrencyError, DomainError } from '../../core/errors';
import type { RiskLimitSet } from '../../core/risk/limits';
import type { OrderDependencies } from '../orders/order-dependencies';
import type { StrategyConfigRepository } from '../ports/strategy-config-repository';
import { limitSetOf } from './risk-context';

/** The limits in force, and whether they are the platform defaults (nobody set any yet). */
export async function getRiskLimits(
  deps: Pick<OrderDependencies, 'riskLimits' | 'settings'>,
  accountId: string,
): Promise<{ limits: RiskLimitSet; isDefault: boolean }> {
  const profile = await deps.riskLimits.profile(accountId);
  return { limits: limitSetOf(profile, accountId, deps.settings), isDefault: profile.limits === null };
}

/**
 * Replaces the account's limits (administrators). In force from the next order: every
 * decision reads them afresh. Audited with the set before and after. `expectedVersion`, when
 * given, must be the stored version (a stale editor gets 409 instead of overwriting).
 */
export async function updateRiskLimits(
  deps: Pick<OrderDependencies, 'riskLimits' | 'settings' | 'audit' | 'clock'> & {
    strategies: Pick<StrategyConfigRepository, 'get'>;
  },
  accountId: string,
  actor: string,
  change: Pick<RiskLimitSet, 'account' | 'strategies' | 'symbols'>,
  expectedVersion?: number,
): Promise<RiskLimitSet> {
  await refuseUnknownStrategies(deps.strategies, accountId, Object.keys(change.strategies));
  const { limits: before, isDefault } = await getRiskLimits(deps, accountId);
  const storedVersion = isDefault ? 0 : before.version;
  if (expectedVersion !== undefined && expectedVersion !== storedVersion) {
    throw new DomainError(
      'LIMITS_VERSION_CONFLICT',
      `The limits are at version ${storedVersion}, not ${expectedVersion}; read them again`,
      'conflict',
      [{ field: 'version', in: 'body', problem: `must be the current version ${storedVersion}` }],
    );
  }
  const after: RiskLimitSet = {
    accountId,
    ...change,
    version: storedVersion + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actor,
  };
  try {
    await deps.riskLimits.save(after);
  } catch (error) {
    if (error instanceof ConcurrencyError) {
      throw new DomainError(
        'LIMITS_VERSION_CONFLICT',
        'Someone changed the limits at the same time; read them again',
        'conflict',
      );
    }
    throw error;
  }
  await deps.audit.append({
    accountId,
    at: after.updatedAt,
    actor,
    action: 'risk_limits_updated',
    before: isDefault ? { default: true, ...before } : before,
    after,
  });
  return after;
}

/** A limit for a strategy configuration the account does not have would guard nothing: refused. */
async function refuseUnknownStrategies(
  strategies: Pick<StrategyConfigRepository, 'get'>,
  accountId: string,
  ids: readonly string[],
): Promise<void> {
  const found = await Promise.all(ids.map((id) => strategies.get(accountId, id)));
  const unknown = ids.filter((_, index) => found[index] === null);
  if (unknown.length === 0) return;
  throw new DomainError(
    'UNKNOWN_STRATEGY',
    `No strategy configuration ${unknown.join(', ')}: a limit needs a configuration to apply to`,
    'invalid',
    unknown.map((id) => ({
      field: `strategies.${id}`,
      in: 'body' as const,
      problem: 'is not a strategy configuration',
    })),
  );
}
