import { describe, expect, it } from 'vitest';
import {
  activeStrategies,
  changeSessionState,
  SESSION_TRANSITIONS,
  type SessionState,
  setStrategyState,
  type StrategySession,
  withCycle,
} from '../../../lib/core/engine/session';
import { DomainError } from '../../../lib/core/errors';

const T0 = new Date('2026-11-18T14:35:00Z');

function session(state: SessionState = 'running'): StrategySession {
  return {
    sessionId: 's-1',
    accountId: 'paper',
    state,
    strategies: ['a', 'b'].map((configId) => ({
      configId,
      version: 1,
      type: 'ma_crossover',
      name: configId,
      parameters: {},
      symbols: ['AAPL'],
      allocation: 0.5,
      state: 'active' as const,
      activeSince: T0.toISOString(),
    })),
    closeOnStop: true,
    acted: {},
    cycles: 0,
    errors: [],
    history: [],
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    version: 1,
  };
}

describe('session states', () => {
  const states = Object.keys(SESSION_TRANSITIONS) as SessionState[];

  it('allows exactly the transitions of the table, recording who, when and why', () => {
    for (const from of states) {
      for (const to of states) {
        const attempt = () => changeSessionState(session(from), to, 'because', 'trader-1', T0);
        if (SESSION_TRANSITIONS[from].includes(to)) {
          const next = attempt();
          expect(next.state).toBe(to);
          expect(next.history.at(-1)).toEqual({
            at: T0.toISOString(),
            from,
            to,
            reason: 'because',
            actor: 'trader-1',
          });
        } else {
          expect(attempt).toThrow(DomainError);
        }
      }
    }
  });

  it('stopped is final and running ⇄ paused both ways', () => {
    expect(SESSION_TRANSITIONS.stopped).toEqual([]);
    expect(SESSION_TRANSITIONS.running).toContain('paused');
    expect(SESSION_TRANSITIONS.paused).toContain('running');
  });
});

describe('per-strategy pause and resume', () => {
  it('pauses one strategy; only active strategies of a running session trade', () => {
    const paused = setStrategyState(session(), 'b', 'paused', T0);
    expect(activeStrategies(paused).map((s) => s.configId)).toEqual(['a']);
    expect(activeStrategies(changeSessionState(paused, 'paused', 'x', 'y', T0))).toEqual([]);
  });

  it('a resumed strategy acts only on signals from the moment it resumed', () => {
    const later = new Date(T0.getTime() + 3_600_000);
    const resumed = setStrategyState(setStrategyState(session(), 'b', 'paused', T0), 'b', 'active', later);
    expect(resumed.strategies.find((s) => s.configId === 'b')!.activeSince).toBe(later.toISOString());
    expect(resumed.strategies.find((s) => s.configId === 'a')!.activeSince).toBe(T0.toISOString());
  });

  it('refuses an unknown strategy (404 naming the field) and a stopping session (409)', () => {
    expect(() => setStrategyState(session(), 'zzz', 'paused', T0)).toThrow(
      expect.objectContaining({
        kind: 'not_found',
        details: [expect.objectContaining({ field: 'config_id' })],
      }),
    );
    expect(() => setStrategyState(session('stopping'), 'a', 'paused', T0)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
  });
});

describe('cycle records', () => {
  it('counts cycles and keeps the 20 most recent errors', () => {
    let current = session();
    for (let n = 0; n < 30; n++) {
      current = withCycle(current, {
        cycleId: `c${n}`,
        at: new Date(T0.getTime() + n * 15_000).toISOString(),
        durationMs: 1,
        strategiesRun: 2,
        signals: 0,
        orders: 0,
        exits: 0,
        errors: [{ configId: 'a', message: `failure ${n}` }],
      });
    }
    expect(current.cycles).toBe(30);
    expect(current.errors).toHaveLength(20);
    expect(current.errors.at(-1)!.message).toBe('failure 29');
    expect(current.lastCycle!.cycleId).toBe('c29');
  });
});
