import type { EngineStore, SessionPlan } from '../../app/ports/engine-store';
import type { MarketConditionsReport } from '../../core/engine/market-conditions';
import type { CycleSummary, StrategySession } from '../../core/engine/session';
import { ConcurrencyError } from '../../core/errors';

/** The engine's store in memory, with DynamoDbEngineStore's rules (one live session, versions, leases). */
export class InMemoryEngineStore implements EngineStore {
  private readonly sessions = new Map<string, StrategySession>();
  private readonly cycles = new Map<string, CycleSummary[]>();
  private readonly plans = new Map<string, SessionPlan>();
  private readonly reports = new Map<string, MarketConditionsReport>();
  private readonly leases = new Map<string, { holder: string; untilMs: number }>();

  async currentSession(accountId: string): Promise<StrategySession | null> {
    return copy(this.sessions.get(accountId) ?? null);
  }

  async liveSessions(): Promise<StrategySession[]> {
    return [...this.sessions.values()].filter((session) => session.state !== 'stopped').map(copy);
  }

  async createSession(session: StrategySession): Promise<boolean> {
    const current = this.sessions.get(session.accountId);
    if (current && current.state !== 'stopped') return false; // one live session per account
    this.sessions.set(session.accountId, copy(session));
    return true;
  }

  async saveSession(session: StrategySession): Promise<void> {
    const stored = this.sessions.get(session.accountId);
    if (!stored || stored.version !== session.version - 1)
      throw new ConcurrencyError(`session ${session.sessionId}`);
    this.sessions.set(session.accountId, copy(session));
  }

  async recordCycle(sessionId: string, summary: CycleSummary): Promise<void> {
    this.cycles.set(sessionId, [...(this.cycles.get(sessionId) ?? []), copy(summary)]);
  }

  async recentCycles(sessionId: string, limit: number): Promise<CycleSummary[]> {
    const newestFirst = [...(this.cycles.get(sessionId) ?? [])].sort((a, b) =>
      `${b.at}#${b.cycleId}`.localeCompare(`${a.at}#${a.cycleId}`),
    );
    return newestFirst.slice(0, limit).map(copy);
  }

  async putPlan(plan: SessionPlan): Promise<void> {
    this.plans.set(`${plan.date}#${plan.accountId}`, copy(plan));
  }

  async plan(accountId: string, date: string): Promise<SessionPlan | null> {
    return copy(this.plans.get(`${date}#${accountId}`) ?? null);
  }

  async plansFor(date: string): Promise<SessionPlan[]> {
    return [...this.plans.values()].filter((plan) => plan.date === date).map(copy);
  }

  async putConditions(report: MarketConditionsReport): Promise<void> {
    this.reports.set(report.date, copy(report));
  }

  async conditions(date?: string): Promise<MarketConditionsReport | null> {
    if (date) return copy(this.reports.get(date) ?? null);
    const newest = [...this.reports.keys()].sort().at(-1);
    return newest ? copy(this.reports.get(newest)!) : null;
  }

  async acquireLease(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const lease = this.leases.get(name);
    if (lease && lease.untilMs > now.getTime() && lease.holder !== holder) return false;
    this.leases.set(name, { holder, untilMs: until.getTime() });
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
