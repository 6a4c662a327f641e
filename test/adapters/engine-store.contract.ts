import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineStore, SessionPlan } from '../../lib/app/ports/engine-store';
import type { CycleSummary, StrategySession } from '../../lib/core/engine/session';
import { ConcurrencyError } from '../../lib/core/errors';

const AT = '2026-12-07T15:00:00.000Z';

function session(
  accountId: string,
  sessionId: string,
  state: StrategySession['state'] = 'running',
): StrategySession {
  return {
    sessionId,
    accountId,
    state,
    strategies: [],
    closeOnStop: true,
    acted: {},
    cycles: 0,
    errors: [],
    history: [],
    createdAt: AT,
    updatedAt: AT,
    version: 1,
  };
}

function cycle(at: string, cycleId: string): CycleSummary {
  return { cycleId, at, durationMs: 12, strategiesRun: 1, signals: 0, orders: 0, exits: 0, errors: [] };
}

/** The behaviour every EngineStore must have; run against each adapter. */
export function engineStoreContract(name: string, create: () => Promise<EngineStore>): void {
  describe(`${name} (EngineStore contract)`, () => {
    let store: EngineStore;
    let accountId: string;

    beforeEach(async () => {
      store = await create();
      accountId = `acct-${Math.floor(Math.random() * 1e9)}`;
    });

    it('keeps one live session per account: another is refused until it has stopped', async () => {
      expect(await store.currentSession(accountId)).toBeNull();
      expect(await store.createSession(session(accountId, 's-1'))).toBe(true);
      expect(await store.createSession(session(accountId, 's-2'))).toBe(false);
      expect(await store.currentSession(accountId)).toMatchObject({ sessionId: 's-1' });
      expect((await store.liveSessions()).map((live) => live.sessionId)).toContain('s-1');
      await store.saveSession({ ...session(accountId, 's-1', 'stopped'), version: 2 });
      expect((await store.liveSessions()).map((live) => live.sessionId)).not.toContain('s-1');
      expect(await store.createSession(session(accountId, 's-2'))).toBe(true);
      expect(await store.currentSession(accountId)).toMatchObject({ sessionId: 's-2', version: 1 });
    });

    it('saves the next version of a session only', async () => {
      await store.createSession(session(accountId, 's-1'));
      await store.saveSession({ ...session(accountId, 's-1', 'paused'), version: 2 });
      await expect(
        store.saveSession({ ...session(accountId, 's-1', 'running'), version: 2 }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.currentSession(accountId)).toMatchObject({ state: 'paused', version: 2 });
    });

    it('lists a session’s cycles newest first, as many as asked', async () => {
      for (const minute of [1, 3, 2])
        await store.recordCycle('s-c', cycle(`2026-12-07T15:0${minute}:00.000Z`, `c-${minute}`));
      expect((await store.recentCycles('s-c', 2)).map((summary) => summary.cycleId)).toEqual(['c-3', 'c-2']);
      expect(await store.recentCycles('s-other', 5)).toEqual([]);
    });

    it('keeps plans by day and account, and market-conditions reports by day (the newest when no day is asked)', async () => {
      const plan: SessionPlan = {
        accountId,
        date: '2026-12-08',
        strategies: [{ configId: 'cfg-1', allocation: 0.5 }],
        closeOnStop: true,
        status: 'pending',
        updatedAt: AT,
        updatedBy: 'trader',
      };
      await store.putPlan(plan);
      expect(await store.plan(accountId, '2026-12-08')).toEqual(plan);
      expect(await store.plan(accountId, '2026-12-09')).toBeNull();
      expect((await store.plansFor('2026-12-08')).filter((found) => found.accountId === accountId)).toEqual([
        plan,
      ]);
      const report = (date: string) => ({
        date,
        generatedAt: AT,
        symbols: [],
        summary: {
          regime: 'range' as const,
          averageRealizedVolatility: 0.2,
          averageImpliedVolatility: null,
          largestGap: null,
        },
        recommendations: [],
      });
      await store.putConditions(report('2099-01-02'));
      await store.putConditions(report('2099-01-01'));
      expect(await store.conditions('2099-01-01')).toEqual(report('2099-01-01'));
      expect((await store.conditions())?.date).toBe('2099-01-02');
    });

    it('grants a lease to one holder until it expires or is released', async () => {
      const lease = `lease-${accountId}`;
      const now = new Date(AT);
      const later = (ms: number) => new Date(now.getTime() + ms);
      expect(await store.acquireLease(lease, 'a', now, later(10_000))).toBe(true);
      expect(await store.acquireLease(lease, 'b', later(1_000), later(11_000))).toBe(false);
      expect(await store.acquireLease(lease, 'a', later(1_000), later(12_000))).toBe(true); // renewed by its holder
      await store.releaseLease(lease, 'b'); // not b's to release
      expect(await store.acquireLease(lease, 'b', later(2_000), later(12_000))).toBe(false);
      expect(await store.acquireLease(lease, 'b', later(12_000), later(20_000))).toBe(true); // expired
      await store.releaseLease(lease, 'b');
      expect(await store.acquireLease(lease, 'c', later(13_000), later(20_000))).toBe(true);
    });
  });
}
