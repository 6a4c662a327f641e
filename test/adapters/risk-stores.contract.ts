import { describe, expect, it } from 'vitest';
import type { TradingStateRepository } from '../../lib/app/ports/trading-state-repository';
import type { AlertStore } from '../../lib/app/ports/risk-alerts';
import type { RiskLimitsRepository } from '../../lib/app/ports/risk-limits-repository';
import { ConcurrencyError } from '../../lib/core/errors';
import { defaultLimitSet } from '../../lib/core/risk/limits';
import type { RiskAlert } from '../../lib/core/risk/alerts';

interface RiskStores {
  states: TradingStateRepository;
  limits: RiskLimitsRepository;
  alerts: AlertStore;
}

/** What every risk store must do, run against the in-memory twins and DynamoDB alike. */
export function riskStoresContract(name: string, make: () => Promise<RiskStores>) {
  describe(name, () => {
    it('reads a fresh account as ACTIVE with the platform defaults (no limits stored)', async () => {
      const { limits } = await make();
      const profile = await limits.profile('fresh');
      expect(profile.tradingState).toMatchObject({ accountId: 'fresh', state: 'ACTIVE', version: 0 });
      expect(profile.limits).toBeNull();
    });

    it('reads the trading state and the limits together, and versions the limits', async () => {
      const { states, limits } = await make();
      await states.save({
        accountId: 'a1',
        state: 'HALTED',
        reason: 'test',
        changedAt: '2026-11-20T15:00:00.000Z',
        changedBy: 'x',
        version: 1,
      });
      const set = { ...defaultLimitSet('a1'), symbols: { TSLA: { maxConcentration: 0.05 } }, version: 1 };
      await limits.save(set);
      const profile = await limits.profile('a1');
      expect(profile.tradingState.state).toBe('HALTED');
      expect(profile.limits).toEqual(set);
      await expect(limits.save({ ...set, version: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(limits.save({ ...set, version: 3 })).rejects.toBeInstanceOf(ConcurrencyError);
      await limits.save({ ...set, version: 2, strategies: { s: { maxOrderQuantity: 5 } } });
      expect((await limits.profile('a1')).limits?.strategies).toEqual({ s: { maxOrderQuantity: 5 } });
    });

    it('raises an alert once per id and lists newest first, per account', async () => {
      const { alerts } = await make();
      const alert = (alertId: string, at: string, accountId = 'a2'): RiskAlert => ({
        accountId,
        alertId,
        level: 'warning',
        code: 'DAILY_LOSS_LIMIT',
        message: 'm',
        at,
        limit: 'daily_loss',
        utilization: 0.75,
      });
      expect(await alerts.raise(alert('d#daily#0.75', '2026-11-20T15:00:00.000Z'))).toBe(true);
      expect(await alerts.raise(alert('d#daily#0.75', '2026-11-20T15:05:00.000Z'))).toBe(false);
      expect(await alerts.raise(alert('d#daily#0.9', '2026-11-20T15:10:00.000Z'))).toBe(true);
      expect(await alerts.raise(alert('other', '2026-11-20T15:20:00.000Z', 'b'))).toBe(true);
      const listed = await alerts.list('a2');
      expect(listed.map((a) => a.alertId)).toEqual(['d#daily#0.9', 'd#daily#0.75']);
      expect(listed[1]).toEqual(alert('d#daily#0.75', '2026-11-20T15:00:00.000Z'));
      expect(await alerts.list('a2', { limit: 1 })).toHaveLength(1);
      await alerts.raise({ ...alert('info-1', '2026-11-20T15:30:00.000Z'), level: 'info' });
      // The level filter comes before the limit: the newest *warning*, though an info is newer.
      expect((await alerts.list('a2', { level: 'warning', limit: 1 })).map((a) => a.alertId)).toEqual([
        'd#daily#0.9',
      ]);
      expect((await alerts.list('a2', { level: 'info' })).map((a) => a.alertId)).toEqual(['info-1']);
    });
  });
}
