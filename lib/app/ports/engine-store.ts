import type { MarketConditionsReport } from '../../core/engine/market-conditions';
import type { CycleSummary, StrategySession } from '../../core/engine/session';

/** The day's plan a trader prepares for the pre-market run to apply (PUT /api/sessions/plan). */
export interface SessionPlan {
  accountId: string;
  /** The trading day it is for (YYYY-MM-DD, New York). */
  date: string;
  strategies: { configId: string; allocation: number; parameters?: Record<string, unknown> }[];
  closeOnStop: boolean;
  status: 'pending' | 'applied' | 'failed';
  /** What the pre-market run did: the session it created, or why it could not. */
  outcome?: string;
  sessionId?: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Where the engine keeps its state: the current session of each account (versioned,
 * conditional writes), the history of cycles, the day's plans, the market-conditions reports,
 * and the lease that keeps two cycles from running at once.
 */
export interface EngineStore {
  /** The account's current (latest) session, stopped or not. */
  currentSession(accountId: string): Promise<StrategySession | null>;
  /** Sessions that are not stopped, across accounts (what the cycle runs). */
  liveSessions(): Promise<StrategySession[]>;
  /** Creates the account's new current session; false if a live one exists (nothing written). */
  createSession(session: StrategySession): Promise<boolean>;
  /** Replaces the session whose stored version is `session.version - 1` (ConcurrencyError otherwise). */
  saveSession(session: StrategySession): Promise<void>;
  recordCycle(sessionId: string, summary: CycleSummary): Promise<void>;
  recentCycles(sessionId: string, limit: number): Promise<CycleSummary[]>;
  putPlan(plan: SessionPlan): Promise<void>;
  plan(accountId: string, date: string): Promise<SessionPlan | null>;
  /** Plans for a date across accounts (what the pre-market run applies). */
  plansFor(date: string): Promise<SessionPlan[]>;
  putConditions(report: MarketConditionsReport): Promise<void>;
  conditions(date?: string): Promise<MarketConditionsReport | null>;
  /**
   * Takes the named lease for `holder` until `until` if it is free or expired (one conditional
   * write); false if someone else holds it.
   */
  acquireLease(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the lease back, if `holder` still holds it. */
  releaseLease(name: string, holder: string): Promise<void>;
}
